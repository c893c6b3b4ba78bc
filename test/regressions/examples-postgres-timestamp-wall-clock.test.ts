// examples/postgres: a `timestamp without time zone` column (a wall-clock time, no zone) was parsed
// by pg's default parser as a Date in the host's zone, which the export then rendered in its
// `timeZone`: `2024-01-15 10:00:00` came out as `2024-01-15 19:00:00` from a Los Angeles host
// exporting in Europe/Berlin, and as another hour again on a UTC host. It is now read as the text
// PostgreSQL writes, which rowport reads as that wall-clock time: written as it is, in every zone.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTable } from '../../examples/postgres/exportTable.js';
import { type PgDb, createPool, pgDb } from '../../examples/postgres/pgDb.js';
import { type PostgresCluster, havePostgres, startPostgres } from '../examples/services.js';
import { readAll } from '../examples/support.js';

const enabled = havePostgres();
let cluster: PostgresCluster;
let db: PgDb;
const previousTz = process.env.TZ;

beforeAll(async () => {
  if (!enabled) return;
  process.env.TZ = 'America/Los_Angeles'; // the host's zone must not matter
  cluster = await startPostgres();
  db = pgDb(createPool(cluster.url), { batchSize: 100 });
  await db.pool.query('CREATE TABLE shifts (id int4 PRIMARY KEY, starts timestamp NOT NULL)');
  await db.pool.query(`INSERT INTO shifts VALUES (1, '2024-01-15 10:00:00'), (2, '2024-06-30 02:30:00.250'), (3, '1999-12-31 23:59:59')`);
}, 120_000);
afterAll(async () => {
  process.env.TZ = previousTz;
  await db?.close();
  await cluster?.stop();
});

describe.runIf(enabled)('exportTable with a timestamp without time zone', () => {
  it('writes the wall-clock time as stored, whatever the host zone and the export zone (CSV)', async () => {
    for (const timeZone of ['Europe/Berlin', 'UTC', 'Asia/Kolkata']) {
      const { stream } = await exportTable(db, 'shifts', { timeZone, orderBy: ['id'], dateFormat: 'yyyy-MM-dd HH:mm:ss.SSS' });
      const rows = parse((await readAll(stream)).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
      expect(
        rows.map((r) => r.starts),
        timeZone,
      ).toEqual(['2024-01-15 10:00:00.000', '2024-06-30 02:30:00.250', '1999-12-31 23:59:59.000']);
    }
  });

  it('writes date cells of that wall-clock time (XLSX)', async () => {
    const { stream } = await exportTable(db, 'shifts', { format: 'xlsx', timeZone: 'Asia/Kolkata', orderBy: ['id'] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readAll(stream)) as never);
    const cell = book.getWorksheet('shifts')?.getRow(2).getCell(2).value;
    expect((cell as Date).toISOString()).toBe('2024-01-15T10:00:00.000Z'); // ExcelJS reads a serial as UTC
  });
});
