import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { exportToFile } from 'rowport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbUnavailableError } from '../../examples/analytics/db.js';
import { isAnalyticsError } from '../../examples/analytics/errors.js';
import { generateSchool } from '../../examples/analytics/seed.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { exportTable } from '../../examples/postgres/exportTable.js';
import { type PgDb, createPool, numbered, pgDb } from '../../examples/postgres/pgDb.js';
import { loadSchool } from '../../examples/postgres/schema.js';
import { type PostgresCluster, freePort, havePostgres, startPostgres } from './services.js';
import { FIXED_NOW, readAll, tempDir } from './support.js';

const SCALE = 0.05;
const school = generateSchool({ scale: SCALE });
const enabled = havePostgres();

let cluster: PostgresCluster | undefined;
let db: PgDb;

beforeAll(async () => {
  if (!enabled) return;
  cluster = await startPostgres();
  db = pgDb(createPool(cluster.url), { batchSize: 100 });
  await loadSchool(db.pool, school);
  await db.pool.query(
    `CREATE TABLE ledger (id int8 PRIMARY KEY, amount numeric(32,10) NOT NULL, booked_on date NOT NULL, booked_at timestamptz NOT NULL, note text)`,
  );
  await db.pool.query(`INSERT INTO ledger VALUES
    (9007199254740993, 12345678901234567890.1234567890, '2024-01-01', '2024-01-01 23:30:00+00', 'past 2^53'),
    (-9223372036854775808, -0.0000000001, '1999-12-31', '1999-12-31 23:59:59.999+00', 'int8 minimum'),
    (1, 0.1, '2024-03-31', '2024-03-31 00:30:00+00', 'DST night in Europe')`);
});
afterAll(async () => {
  await db?.close();
  await cluster?.stop();
});

describe.runIf(enabled)('examples/postgres', () => {
  describe('pgDb', () => {
    it('numbers ? placeholders, leaving quoted text alone', () => {
      expect(numbered(`SELECT '?' AS "a?", x FROM t WHERE a = ? AND b = 'it''s ?' AND c = ?`)).toBe(
        `SELECT '?' AS "a?", x FROM t WHERE a = $1 AND b = 'it''s ?' AND c = $2`,
      );
    });

    it('reads through a cursor and closes it, returning the client, when the consumer stops early', async () => {
      let seen = 0;
      for await (const _ of db.query('SELECT * FROM metrics ORDER BY id')) {
        expect(db.openCursors).toBe(1);
        if (++seen === 150) break; // past the first batch of 100
      }
      expect(db.openCursors).toBe(0);
      expect(db.pool.totalCount - db.pool.idleCount).toBe(0);
    });

    it('closes the cursor when an export stream is destroyed mid-way', async () => {
      const service = new AnalyticsService(db);
      const { stream } = await service.exportCustomQuery('SELECT * FROM metrics ORDER BY id', [], { count: false });
      await new Promise<void>((resolve) => stream.once('data', () => resolve()));
      stream.destroy();
      await expect.poll(() => db.openCursors).toBe(0);
      await expect.poll(() => db.pool.totalCount - db.pool.idleCount).toBe(0);
    });
  });

  describe('exportTable: exact types', () => {
    const previousTz = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = 'America/Los_Angeles'; // a host zone west of UTC, where a local-midnight Date would fall on the day before
    });
    afterAll(() => {
      process.env.TZ = previousTz;
    });

    it('writes int8 and numeric digit for digit, dates on their day, timestamptz in the chosen zone (CSV)', async () => {
      const { stream } = await exportTable(db, 'ledger', { timeZone: 'Europe/Berlin', orderBy: ['booked_on'] });
      const rows = parse((await readAll(stream)).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toEqual([
        { id: '-9223372036854775808', amount: '-0.0000000001', booked_on: '1999-12-31', booked_at: '2000-01-01 00:59:59', note: 'int8 minimum' },
        { id: '9007199254740993', amount: '12345678901234567890.1234567890', booked_on: '2024-01-01', booked_at: '2024-01-02 00:30:00', note: 'past 2^53' },
        { id: '1', amount: '0.1000000000', booked_on: '2024-03-31', booked_at: '2024-03-31 01:30:00', note: 'DST night in Europe' },
      ]);
      const ny = await exportTable(db, 'ledger', { timeZone: 'America/New_York', columns: ['booked_on', 'booked_at'], orderBy: ['id'], dateFormat: 'eu' });
      expect(parse((await readAll(ny.stream)).toString('utf8'), { bom: true })).toEqual([
        ['booked_on', 'booked_at'],
        ['31.12.1999', '31.12.1999 18:59:59'],
        ['31.03.2024', '30.03.2024 20:30:00'],
        ['01.01.2024', '01.01.2024 18:30:00'],
      ]);
    });

    it('writes typed XLSX cells: int8 past 15 digits as text, dates on their day, instants in the zone', async () => {
      const { stream, contentType } = await exportTable(db, 'ledger', { format: 'xlsx', timeZone: 'Europe/Berlin', orderBy: ['booked_on'] });
      expect(contentType).toMatch(/spreadsheetml/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await readAll(stream)) as never);
      const sheet = book.getWorksheet('ledger');
      const row = sheet?.getRow(3); // 2024-01-01
      expect(row?.getCell(1).value).toBe('9007199254740993');
      expect(row?.getCell(2).value).toBe('12345678901234567890.1234567890'); // numeric(32,10): more digits than a double holds
      expect((row?.getCell(3).value as Date).toISOString()).toBe('2024-01-01T00:00:00.000Z');
      expect((row?.getCell(4).value as Date).toISOString()).toBe('2024-01-02T00:30:00.000Z'); // Berlin wall clock as the serial
      expect(sheet?.getRow(4).getCell(1).value).toBe(1);
      expect(sheet?.getRow(4).getCell(2).value).toBe(0.1);
    });

    it('rejects an unknown table or column before any byte', async () => {
      await expect(exportTable(db, 'nope')).rejects.toMatchObject({ code: 'ANALYTICS_INVALID_QUERY' });
      await expect(exportTable(db, 'ledger', { columns: ['id', 'amnt'] })).rejects.toMatchObject({ code: 'ANALYTICS_UNKNOWN_COLUMN' });
      expect(db.openCursors).toBe(0);
    });
  });

  describe('the analytics service on PostgreSQL', () => {
    it('gives the same exports as on SQLite (its SQL is portable)', async () => {
      const lite = await createSampleDatabase({ scale: SCALE });
      try {
        const onPg = new AnalyticsService(db, { now: FIXED_NOW });
        const onLite = new AnalyticsService(lite, { now: FIXED_NOW });
        const normalise = (text: string) =>
          (parse(text, { bom: true }) as string[][]).map((row) => row.map((cell) => (/^-?\d+(\.\d+)?$/.test(cell) ? String(Number(cell)) : cell)));
        const both = async (make: (s: AnalyticsService) => Promise<{ stream: NodeJS.ReadableStream; fileName: string }>) => {
          const [a, b] = await Promise.all([make(onPg), make(onLite)]);
          expect(a.fileName).toBe(b.fileName);
          return [normalise((await readAll(a.stream as never)).toString('utf8')), normalise((await readAll(b.stream as never)).toString('utf8'))];
        };
        for (const make of [
          (s: AnalyticsService) =>
            s.exportStudentAnalytics(3, { columns: ['date', 'recorded_at', 'class_name', 'quiz_score', 'attended', 'minutes_spent'], from: '2024-09-10' }),
          (s: AnalyticsService) => s.exportClassAnalytics('all', { dateFormat: 'eu' }),
          (s: AnalyticsService) => s.exportReport('student'),
          (s: AnalyticsService) => s.exportReport('teacher-weekly', { to: '2024-10-01' }),
          (s: AnalyticsService) => s.exportReport('tutor-weekly'),
        ]) {
          const [pgRows, liteRows] = await both(make);
          expect(pgRows?.length).toBeGreaterThan(1);
          expect(pgRows).toEqual(liteRows);
        }
      } finally {
        await lite.close();
      }
      expect(db.openCursors).toBe(0);
    });

    it('writes the comprehensive workbook from PostgreSQL', async () => {
      const { stream } = await new AnalyticsService(db).exportComprehensive();
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await readAll(stream)) as never);
      expect(book.getWorksheet('Student Analytics')?.rowCount).toBe(school.students.length + 1);
      expect(typeof book.getWorksheet('Class Summary')?.getRow(2).getCell(7).value).toBe('number'); // numeric '74.92' → a number cell
    });
  });

  describe('PostgreSQL unreachable', () => {
    it('is a clear DB_UNAVAILABLE error before any byte, no crash and no file', async () => {
      const port = await freePort(); // nothing listens there
      const down = pgDb(createPool(`postgres://postgres@127.0.0.1:${port}/postgres`, { connectionTimeoutMillis: 2_000 }));
      const out = await tempDir();
      try {
        const service = new AnalyticsService(down);
        const error = await service
          .exportStudentAnalytics(1)
          .then((r) => exportToFile(r.stream, join(out.dir, r.fileName)))
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(error).toBeInstanceOf(DbUnavailableError);
        expect(error).toMatchObject({ code: 'DB_UNAVAILABLE', message: expect.stringContaining(`127.0.0.1:${port}`) });
        expect(isAnalyticsError(error)).toBe(false);
        await mkdir(out.dir, { recursive: true });
        expect(await readdir(out.dir)).toEqual([]);
      } finally {
        await down.close();
        await out.remove();
      }
    });
  });
});
