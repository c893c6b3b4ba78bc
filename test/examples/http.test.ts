import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { type SqlJsDb, createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createExportApp } from '../../examples/http/app.js';
import { type ExportServerOptions, createExportServer } from '../../examples/http/server.js';
import type { Principal } from '../../examples/analytics/access.js';
import { type Fault, instrumentedDb } from './instrumentedDb.js';
import { dispositionName, fetchAll, firstChunk, listen } from './httpClient.js';
import { FIXED_NOW } from './support.js';
import { untilStable } from '../helpers/streams.js';

// Big enough (~108,000 metric rows, ~7 MB of CSV) that a paused client cannot swallow a whole export.
let db: SqlJsDb & Awaited<ReturnType<typeof createSampleDatabase>>;
beforeAll(async () => {
  db = await createSampleDatabase({ scale: 2.5 });
});
afterAll(() => db.close());

/** These tests are about streaming, so every request is an admin's; access rules are in security.test.ts. */
const ADMIN: Principal = { id: 'admin', role: 'admin' };
type Make = (service: AnalyticsService, options: ExportServerOptions) => Server;
const flavours: [string, Make][] = [
  ['node:http server', (service, options) => createExportServer(service, options)],
  ['Express 5 app', (service, options) => createServer(createExportApp(service, options))],
];

/** Starts a server of the flavour over an instrumented view of the shared database; `logged` collects its 5xx log. */
async function start(make: Make, fault?: Fault) {
  const recorded = instrumentedDb(db, fault);
  const logged: { error: unknown; requestId: string }[] = [];
  const { base, stop } = await listen(
    make(new AnalyticsService(recorded, { now: FIXED_NOW }), { authenticate: () => ADMIN, onError: (error, requestId) => logged.push({ error, requestId }) }),
  );
  return { base, stop, recorded, logged };
}

describe.each(flavours)('examples/http: %s', (_, make) => {
  let server: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    server = await start(make);
  });
  afterAll(() => server.stop());

  it('streams a student export with Content-Type and a non-ASCII Content-Disposition', async () => {
    const reply = await fetchAll(`${server.base}/exports/students/2.csv?columns=date,quiz_score&from=2024-09-01&to=2024-09-30`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    const student = db.school.students.find((s) => s.id === 2);
    const name = dispositionName(reply.headers['content-disposition']);
    expect(name).toBe(`student_analytics_2_${student?.name.replace(/ /g, '_')}_20241125_103000.csv`);
    expect(reply.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(reply.headers['content-length']).toBeUndefined(); // streamed, not buffered
    const rows = parse(reply.body.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(db.school.metrics.filter((m) => m.student_id === 2 && m.recorded_on <= '2024-09-30').length);
  });

  it('passes query options through (classes, ";", EU dates) and gzip', async () => {
    const reply = await fetchAll(`${server.base}/exports/classes.csv?ids=1,3&delimiter=;&dateFormat=eu`);
    const rows = parse(reply.body.toString('utf8'), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(rows.map((r) => r['Class ID'])).toEqual(['1', '3']);
    expect(rows[0]?.['First lesson']).toMatch(/^\d{2}\.\d{2}\.2024$/);
    const gz = await fetchAll(`${server.base}/exports/reports/tutor-weekly.csv?gzip=1`);
    expect(gz.headers['content-type']).toBe('application/gzip');
    expect(dispositionName(gz.headers['content-disposition'])).toMatch(/\.csv\.gz$/);
    expect(gz.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  it('serves XLSX downloads', async () => {
    const reply = await fetchAll(`${server.base}/exports/classes.xlsx?ids=2`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(dispositionName(reply.headers['content-disposition'])).toBe('class_analytics_20241125_103000.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(reply.body as never);
    expect(book.getWorksheet('Class Summary')?.getRow(2).getCell(1).value).toBe(2);
  });

  it.each([
    ['/exports/classes.xlsx?delimiter=;', 400, 'ANALYTICS_INVALID_OPTION'],
    ['/exports/students/999999.csv', 404, 'ANALYTICS_UNKNOWN_STUDENT'],
    ['/exports/classes.csv?ids=1,99999', 404, 'ANALYTICS_UNKNOWN_CLASS'],
    ['/exports/reports/yearly.csv', 404, 'ANALYTICS_UNKNOWN_REPORT'],
    ['/exports/students/1.csv?from=2024-10-01&to=2024-09-01', 400, 'ANALYTICS_INVALID_RANGE'],
    ['/exports/students/1.csv?columns=date,nope', 400, 'ANALYTICS_UNKNOWN_COLUMN'],
    ['/exports/students/1.csv?dateFormat=not%20a%20pattern', 400, 'ROWPORT_INVALID_OPTION'],
    ['/exports/students/1.csv?encoding=klingon', 400, 'ROWPORT_INVALID_OPTION'],
    ['/exports/nothing.csv', 404, 'ANALYTICS_NOT_FOUND'],
    ['/exports/students/abc.csv', 404, 'ANALYTICS_NOT_FOUND'],
  ])('answers %s with JSON %i %s before any byte', async (path, status, code) => {
    const reply = await fetchAll(`${server.base}${path}`);
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.headers['content-disposition']).toBeUndefined();
    expect(JSON.parse(reply.body.toString('utf8'))).toMatchObject({ error: { code } });
  });

  it('closes the database cursor when the client hangs up mid-download', async () => {
    const { chunk, abort } = await firstChunk(`${server.base}/exports/metrics.csv`);
    expect(chunk.length).toBeGreaterThan(0);
    const cursor = server.recorded.last('FROM metrics ORDER BY id');
    abort();
    await vi.waitFor(() => expect(cursor?.returned).toBe(1), { timeout: 10_000 });
    expect(cursor?.exhausted).toBe(false);
    expect(cursor?.pulled).toBeLessThan(db.school.metrics.length);
    await vi.waitFor(() => expect(db.openCursors).toBe(0));
  });

  it('closes the database cursor when the client hangs up an XLSX download', async () => {
    const { chunk, abort } = await firstChunk(`${server.base}/exports/metrics.xlsx`);
    expect(chunk.subarray(0, 2).toString()).toBe('PK');
    const cursor = server.recorded.last('FROM metrics ORDER BY id');
    abort();
    await vi.waitFor(() => expect(cursor?.returned).toBe(1), { timeout: 10_000 });
    expect(cursor?.exhausted).toBe(false);
    await vi.waitFor(() => expect(db.openCursors).toBe(0));
  });

  it('does not buffer: a paused client holds the cursor short of the end', async () => {
    const { res, abort } = await firstChunk(`${server.base}/exports/metrics.csv`);
    const cursor = server.recorded.last('FROM metrics ORDER BY id');
    try {
      await untilStable(() => cursor?.pulled ?? 0); // the server has run as far ahead as socket buffers allow
      expect(cursor?.exhausted).toBe(false);
      expect(cursor?.pulled).toBeLessThan(db.school.metrics.length);
    } finally {
      res.resume();
      abort();
    }
    await vi.waitFor(() => expect(cursor?.returned).toBe(1));
  });

  it('answers JSON 500 with only a request id when the query fails before the first byte; the error goes to the log', async () => {
    const faulty = await start(make, { when: (sql) => sql.includes('FROM metrics ORDER BY id'), afterRows: 0 });
    try {
      const reply = await fetchAll(`${faulty.base}/exports/metrics.csv`);
      expect(reply.status).toBe(500);
      const body = JSON.parse(reply.body.toString('utf8')) as { error: { code: string; requestId: string } };
      expect(body).toEqual({ error: { code: 'INTERNAL', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
      expect(reply.headers['x-request-id']).toBe(body.error.requestId);
      const text = reply.body.toString('utf8');
      for (const leak of ['SELECT', 'metrics', 'connection lost', 'ROWPORT_SOURCE_FAILED', '    at ', '.ts:']) expect(text).not.toContain(leak);
      expect(faulty.logged).toEqual([{ error: expect.objectContaining({ code: 'ROWPORT_SOURCE_FAILED' }), requestId: body.error.requestId }]);
    } finally {
      await faulty.stop();
    }
  });

  it('destroys the connection when the query fails after the first byte', async () => {
    const faulty = await start(make, { when: (sql) => sql.includes('FROM metrics ORDER BY id'), afterRows: 5_000 });
    try {
      await expect(fetchAll(`${faulty.base}/exports/metrics.csv`)).rejects.toThrow();
      const cursor = faulty.recorded.last('FROM metrics ORDER BY id');
      expect(cursor?.failed).toBe(true);
      expect(db.openCursors).toBe(0);
    } finally {
      await faulty.stop();
    }
  });
});
