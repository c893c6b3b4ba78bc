// examples/postgres: custom SQL relied on a READ ONLY transaction alone; on a superuser connection
// (the README's URL) pg_read_file, dblink, pg_terminate_backend and advisory locks got past it. It now
// runs as a role with SELECT on the analytics tables only (SET LOCAL ROLE), whoever logged in (#18).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSchool } from '../../examples/analytics/seed.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { type PgDb, createPool, pgDb } from '../../examples/postgres/pgDb.js';
import { loadSchool } from '../../examples/postgres/schema.js';
import { type PostgresCluster, havePostgres, startPostgres } from '../examples/services.js';
import { readAll } from '../examples/support.js';

/** The SQLSTATE of a custom query's failure (before any byte, or while streaming), or 'ok'. */
async function outcome(service: AnalyticsService, sql: string): Promise<string> {
  try {
    await readAll((await service.exportCustomQuery(sql)).stream);
    return 'ok';
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string; cause?: { code?: string } } };
    return e.cause?.cause?.code ?? e.cause?.code ?? e.code ?? 'unknown';
  }
}

describe.runIf(havePostgres())('examples/postgres custom queries on a superuser connection', () => {
  let cluster: PostgresCluster;
  let db: PgDb;
  let service: AnalyticsService;
  beforeAll(async () => {
    cluster = await startPostgres();
    db = pgDb(createPool(cluster.url)); // postgres: a superuser, as in the README's URL
    await loadSchool(db.pool, generateSchool({ scale: 0.02 }));
    await db.pool.query('CREATE EXTENSION dblink');
    await db.pool.query("CREATE TABLE secrets (token text); INSERT INTO secrets VALUES ('s3cr3t')");
    service = new AnalyticsService(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await cluster?.stop();
  });

  it('still reads the analytics tables', async () => {
    expect(await outcome(service, 'SELECT m.id, s.name FROM metrics m JOIN students s ON s.id = m.student_id ORDER BY m.id LIMIT 3')).toBe('ok');
  });

  it.each([
    ['pg_read_file', "SELECT pg_read_file('/etc/passwd') AS x", '42501'],
    ['another table', 'SELECT token FROM secrets', '42501'],
    ['dblink', "SELECT * FROM dblink('dbname=postgres user=postgres', 'SELECT token FROM secrets') AS t(token text)", '2F003'], // a non-superuser may not connect without a password
    ['an advisory lock', 'SELECT pg_advisory_lock(42) AS locked', '42501'],
    ['a transaction advisory lock', 'SELECT pg_try_advisory_xact_lock(42) AS locked', '42501'],
    ['switching the role back', "SELECT set_config('role', 'postgres', true) AS r", '42501'],
  ])('refuses %s', async (_, sql, code) => {
    expect(await outcome(service, sql)).toBe(code);
    expect(db.pool.totalCount - db.pool.idleCount).toBe(0);
  });

  it("refuses pg_terminate_backend on the service's own connections", async () => {
    const other = await db.pool.connect();
    try {
      const { rows } = await other.query('SELECT pg_backend_pid() AS pid');
      expect(await outcome(service, `SELECT pg_terminate_backend(${Number(rows[0].pid)}) AS killed`)).toBe('42501');
      expect((await other.query('SELECT 1 AS alive')).rows[0].alive).toBe(1);
    } finally {
      other.release();
    }
  });

  it("leaves the service's own queries (and its timeout setting) working as the login role", async () => {
    expect((await readAll((await service.exportReport('student')).stream)).length).toBeGreaterThan(0);
    const { rows } = await db.pool.query('SELECT current_user AS who');
    expect(rows[0].who).toBe('postgres');
  });
});
