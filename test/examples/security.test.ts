import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal, authorize } from '../../examples/analytics/access.js';
import type { Db } from '../../examples/analytics/db.js';
import { isAnalyticsError } from '../../examples/analytics/errors.js';
import { generateSchool } from '../../examples/analytics/seed.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { createExportApp } from '../../examples/http/app.js';
import { type ExportServerOptions, createExportServer } from '../../examples/http/server.js';
import { type PgDb, createPool, pgDb } from '../../examples/postgres/pgDb.js';
import { loadSchool } from '../../examples/postgres/schema.js';
import { listen } from './httpClient.js';
import { type PostgresCluster, havePostgres, startPostgres } from './services.js';
import { readAll } from './support.js';

const SCALE = 0.05;
let lite: Awaited<ReturnType<typeof createSampleDatabase>>;
beforeAll(async () => {
  lite = await createSampleDatabase({ scale: SCALE });
});
afterAll(() => lite.close());

const auth = createTokenAuth({ secret: 'a test secret of at least thirty-two bytes' });
const ADMIN: Principal = { id: 'admin', role: 'admin' };
const STUDENT_2: Principal = { id: 'student-2', role: 'student', studentId: 2 };
const TEACHER_1: Principal = { id: 'teacher-1', role: 'teacher', teacherId: 1 };

describe('createTokenAuth', () => {
  it('round-trips a principal through a token, and refuses a tampered, forged or expired one', () => {
    let now = 1_000_000;
    const clocked = createTokenAuth({ secret: 'a test secret of at least thirty-two bytes', now: () => now });
    const token = clocked.issue(TEACHER_1, 60_000);
    expect(clocked.verify(token)).toEqual(TEACHER_1);
    const [body, sig] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), role: 'admin' })).toString('base64url');
    expect(clocked.verify(`${forged}.${sig}`)).toBeNull();
    expect(clocked.verify(`${body}.${sig.slice(1)}`)).toBeNull();
    expect(clocked.verify(`${body}.${sig}.x`)).toBeNull();
    expect(createTokenAuth({ secret: 'another secret of at least thirty-two bytes' }).verify(token)).toBeNull();
    now += 60_000;
    expect(clocked.verify(token)).toBeNull();
  });

  it('signs links that only fit their job id and expiry, and are no bearer tokens', () => {
    let now = 1_000_000;
    const clocked = createTokenAuth({ secret: 'a test secret of at least thirty-two bytes', now: () => now });
    const link = new URLSearchParams(clocked.signLink('job-1', 1_000));
    expect(clocked.verifyLink('job-1', link.get('expires'), link.get('sig'))).toBe(true);
    expect(clocked.verifyLink('job-2', link.get('expires'), link.get('sig'))).toBe(false);
    expect(clocked.verifyLink('job-1', String(Number(link.get('expires')) + 1), link.get('sig'))).toBe(false);
    expect(clocked.verify(`${Buffer.from('job-1').toString('base64url')}.${link.get('sig')}`)).toBeNull();
    now += 1_000;
    expect(clocked.verifyLink('job-1', link.get('expires'), link.get('sig'))).toBe(false);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => createTokenAuth({ secret: 'short' })).toThrow(TypeError);
  });
});

describe('authorize', () => {
  const school = generateSchool({ scale: SCALE });
  const own = school.classes.filter((c) => c.teacher_id === 1).map((c) => c.id);
  const other = school.classes.find((c) => c.teacher_id !== 1)?.id as number;
  const allowed: [string, Principal, object][] = [
    ['a student, their own analytics', STUDENT_2, { kind: 'student', studentId: 2 }],
    ['a teacher, their classes', TEACHER_1, { kind: 'classes', classIds: own }],
    ['a teacher, the teacher-weekly report (scoped)', TEACHER_1, { kind: 'report', report: 'teacher-weekly' }],
    ['an admin, a custom query', ADMIN, { kind: 'query', sql: 'SELECT 1 AS one' }],
    ['an admin, the workbook', ADMIN, { kind: 'comprehensive' }],
  ];
  it.each(allowed)('allows %s', async (_, principal, spec) => {
    await expect(authorize(new AnalyticsService(lite), principal, spec as never)).resolves.toEqual(
      principal === TEACHER_1 && 'report' in spec ? { teacherId: 1 } : {},
    );
  });
  const refused: [string, Principal, object][] = [
    ['a student, another student', STUDENT_2, { kind: 'student', studentId: 3 }],
    ['a student, a class', STUDENT_2, { kind: 'classes', classIds: [1] }],
    ['a student, custom SQL', STUDENT_2, { kind: 'query', sql: 'SELECT 1' }],
    ['a student, a report', STUDENT_2, { kind: 'report', report: 'student' }],
    ['a teacher, a class of another teacher', TEACHER_1, { kind: 'classes', classIds: [...own, other] }],
    ['a teacher, all classes', TEACHER_1, { kind: 'classes', classIds: 'all' }],
    ['a teacher, a student', TEACHER_1, { kind: 'student', studentId: 2 }],
    ['a teacher, the student report', TEACHER_1, { kind: 'report', report: 'student' }],
    ['a teacher, custom SQL', TEACHER_1, { kind: 'query', sql: 'SELECT 1' }],
    ['a teacher, the workbook', TEACHER_1, { kind: 'comprehensive' }],
    ['a student without a student id', { id: 'x', role: 'student' }, { kind: 'student', studentId: undefined }],
    ['an unknown role', { id: 'x', role: 'janitor' } as never, { kind: 'student', studentId: 2 }],
  ];
  it.each(refused)('refuses %s with ANALYTICS_FORBIDDEN (403)', async (_, principal, spec) => {
    const error = await authorize(new AnalyticsService(lite), principal, spec as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAnalyticsError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ANALYTICS_FORBIDDEN', status: 403 });
  });
});

type Make = (service: AnalyticsService, options: ExportServerOptions) => Server;
const flavours: [string, Make][] = [
  ['node:http server', (service, options) => createExportServer(service, options)],
  ['Express 5 app', (service, options) => createServer(createExportApp(service, options))],
];

describe.each(flavours)('direct downloads, %s', (_, make) => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(make(new AnalyticsService(lite), { authenticate: auth.authenticate, onError: () => undefined }));
  });
  afterAll(() => server.stop());
  const get = (path: string, principal?: Principal) =>
    fetch(`${server.base}${path}`, { headers: principal ? { authorization: `Bearer ${auth.issue(principal)}` } : {} });

  it.each(['/exports/students/2.csv', '/exports/classes.csv', '/exports/metrics.csv', '/exports/reports/student.csv'])(
    'answers %s without a token with 401',
    async (path) => {
      const reply = await get(path);
      expect(reply.status).toBe(401);
      expect(await reply.json()).toMatchObject({ error: { code: 'ANALYTICS_UNAUTHENTICATED' } });
    },
  );

  it.each([
    ['/exports/students/3.csv', STUDENT_2],
    ['/exports/classes.csv?ids=1', STUDENT_2],
    ['/exports/metrics.csv', STUDENT_2],
    ['/exports/reports/tutor-weekly.csv', TEACHER_1],
    ['/exports/classes.csv', TEACHER_1],
    ['/exports/metrics.xlsx?limit=5', TEACHER_1],
  ])('answers %s for %o with 403', async (path, principal) => {
    const reply = await get(path, principal);
    expect(reply.status).toBe(403);
    expect(await reply.json()).toMatchObject({ error: { code: 'ANALYTICS_FORBIDDEN', message: expect.any(String) } });
  });

  it("serves a student their own analytics and a teacher only their classes' weekly report", async () => {
    expect((await get('/exports/students/2.csv', STUDENT_2)).status).toBe(200);
    const reply = await get('/exports/reports/teacher-weekly.csv', TEACHER_1);
    expect(reply.status).toBe(200);
    const rows = parse(await reply.text(), { bom: true, columns: true }) as Record<string, string>[];
    const name = lite.school.teachers.find((t) => t.id === 1)?.name;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.Teacher))).toEqual(new Set([name]));
  });
});

/** Row counts of every table, to prove a refused write changed nothing. */
async function counts(db: Db): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['teachers', 'classes', 'students', 'enrolments', 'metrics']) {
    for await (const row of db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`)) result[table] = Number(row.n);
  }
  return result;
}

/** The error of a query run to the end, or undefined. */
async function failure(rows: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of rows) {
      // drain
    }
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('custom queries run read-only: sql.js (PRAGMA query_only)', () => {
  it.each([
    ['UPDATE', 'UPDATE metrics SET quiz_score = 0'],
    ['DELETE … RETURNING', 'DELETE FROM metrics RETURNING id'],
    ['WITH … DELETE', 'WITH old AS (SELECT id FROM metrics LIMIT 5) DELETE FROM metrics WHERE id IN (SELECT id FROM old)'],
    ['INSERT … SELECT', 'INSERT INTO teachers SELECT * FROM teachers'],
  ])('has the database refuse %s on a read-only query, changing nothing', async (_, sql) => {
    const before = await counts(lite);
    const error = await failure(lite.query(sql, [], { readOnly: true }));
    expect(String((error as Error)?.message)).toMatch(/readonly database/);
    expect(await counts(lite)).toEqual(before);
    expect(lite.openCursors).toBe(0);
    // Writes are allowed again once no read-only query runs (the service's own connection stays usable).
    await expect(failure(lite.query('PRAGMA query_only'))).resolves.toBeUndefined();
    expect((await readAll((await new AnalyticsService(lite).exportReport('student')).stream)).length).toBeGreaterThan(0);
  });

  it('refuses writes through the service too, before or by the database, and changes nothing', async () => {
    const service = new AnalyticsService(lite);
    const before = await counts(lite);
    // Each is refused where it first fails: the service's one-SELECT check, SQLite's parser while the
    // columns are read (a 400), no columns to export, or SQLite's parser once the export streams.
    const refusals: [string, object][] = [
      ['UPDATE metrics SET quiz_score = 0', { code: 'ANALYTICS_INVALID_QUERY' }],
      ['WITH d AS (DELETE FROM metrics RETURNING *) SELECT * FROM d', { code: 'ANALYTICS_INVALID_QUERY' }],
      ['WITH x AS (SELECT 1) UPDATE metrics SET quiz_score = 0', { code: 'ANALYTICS_INVALID_OPTION' }],
      ['WITH x AS (SELECT 1) DELETE FROM metrics RETURNING id', { message: expect.stringMatching(/syntax error/) }], // SQLite's error has no code
    ];
    for (const [sql, refusal] of refusals) {
      const error = await service.exportCustomQuery(sql).then(
        async (result) => failure(result.stream),
        (e: unknown) => e,
      );
      expect(error, sql).toMatchObject(refusal);
    }
    expect(await counts(lite)).toEqual(before);
  });

  it('caps the rows of a custom query (ROWPORT_MAX_ROWS)', async () => {
    const service = new AnalyticsService(lite, { customQuery: { maxRows: 10 } });
    const result = await service.exportCustomQuery('SELECT id FROM metrics ORDER BY id');
    await expect(readAll(result.stream)).rejects.toMatchObject({ code: 'ROWPORT_MAX_ROWS' });
    expect(lite.openCursors).toBe(0);
  });
});

const pgEnabled = havePostgres();
describe.runIf(pgEnabled)('custom queries run read-only: PostgreSQL (READ ONLY transaction, statement_timeout)', () => {
  let cluster: PostgresCluster;
  let db: PgDb;
  beforeAll(async () => {
    cluster = await startPostgres();
    db = pgDb(createPool(cluster.url));
    await loadSchool(db.pool, generateSchool({ scale: SCALE }));
    await db.pool.query('CREATE SEQUENCE rowport_test_seq');
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await cluster?.stop();
  });

  it.each([
    ['WITH d AS (DELETE …) SELECT …', 'WITH d AS (DELETE FROM metrics RETURNING id) SELECT COUNT(*) AS n FROM d'],
    ['UPDATE', 'UPDATE metrics SET quiz_score = 0'],
    ['INSERT … RETURNING', 'INSERT INTO teachers SELECT id + 1000, name, role, locale, email FROM teachers RETURNING id'],
    ['a function turning read-only off', "SELECT set_config('transaction_read_only', 'off', true)"],
    ['SET TRANSACTION READ WRITE', 'SET TRANSACTION READ WRITE'],
    ['a sequence', "SELECT nextval('rowport_test_seq')"],
  ])('has PostgreSQL refuse %s on a read-only query, changing nothing', async (_, sql) => {
    const before = await counts(db);
    const error = (await failure(db.query(sql, [], { readOnly: true }))) as { code?: string } | undefined;
    // 42501: the custom-query role may not; 42601: a cursor (DECLARE … CURSOR FOR) takes a query only, no UPDATE or SET
    expect(['25006', '0A000', '42809', '25001', '42P01', '42501', '42601']).toContain(error?.code);
    expect(await counts(db)).toEqual(before);
    expect(db.openCursors).toBe(0);
    expect(db.pool.totalCount - db.pool.idleCount).toBe(0); // every client went back
  });

  it('proves the fence is the database: the same data-modifying CTE without readOnly would delete rows', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query('WITH d AS (DELETE FROM metrics RETURNING id) SELECT COUNT(*)::int AS n FROM d');
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('refuses writes through the service, and changes nothing', async () => {
    const service = new AnalyticsService(db);
    const before = await counts(db);
    const refusals: [string, object][] = [
      // PostgreSQL refuses the data-modifying CTE (0A000) while the columns are read: a 400
      ['WITH d AS (DELETE FROM metrics RETURNING *) SELECT * FROM d', { code: 'ANALYTICS_INVALID_QUERY', cause: { code: '0A000' } }],
      ['UPDATE metrics SET quiz_score = 0', { code: 'ANALYTICS_INVALID_QUERY' }], // not one SELECT
    ];
    for (const [sql, refusal] of refusals) {
      const error = await service.exportCustomQuery(sql).then(
        async (result) => failure(result.stream),
        (e: unknown) => e,
      );
      expect(error, sql).toMatchObject(refusal);
    }
    expect(await counts(db)).toEqual(before);
  });

  it('cancels a custom query past its statement timeout', async () => {
    const service = new AnalyticsService(db, { customQuery: { timeoutMs: 200 } });
    const error = await service.exportCustomQuery('SELECT pg_sleep(5) AS slept').then(
      async (result) => failure(result.stream),
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: '57014' }); // query_canceled
    expect(db.pool.totalCount - db.pool.idleCount).toBe(0);
  });

  it('caps the rows of a custom query (ROWPORT_MAX_ROWS)', async () => {
    const service = new AnalyticsService(db, { customQuery: { maxRows: 10 } });
    const result = await service.exportCustomQuery('SELECT id FROM metrics ORDER BY id');
    await expect(readAll(result.stream)).rejects.toMatchObject({ code: 'ROWPORT_MAX_ROWS' });
  });
});
