// examples/postgres/pgDb.ts: on a database set up without createCustomQueryRole, a custom query failed
// with "Invalid query: role "rowport_custom_query" does not exist" (a 400 blaming the caller's SQL), and
// columnsOf gave its client back inside the aborted transaction: every later query on that client failed
// with "current transaction is aborted" (#18). It is now DB_MISCONFIGURED, saying how to set the role up,
// not retried, and the client is rolled back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbConfigError } from '../../examples/analytics/db.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { errorResponse } from '../../examples/http/sendExport.js';
import { type PgDb, createPool, pgDb } from '../../examples/postgres/pgDb.js';
import { isTransient } from '../../examples/queue/transient.js';
import { type PostgresCluster, createCustomQueryRoleOn, havePostgres, startPostgres } from '../examples/services.js';
import { readAll } from '../examples/support.js';

describe.runIf(havePostgres())('examples/postgres custom queries on a database without the custom-query role', () => {
  let cluster: PostgresCluster;
  let db: PgDb;
  beforeAll(async () => {
    cluster = await startPostgres();
    db = pgDb(createPool(cluster.url, { max: 1 })); // one client: a later query reuses the one that failed
    await db.pool.query('CREATE TABLE t AS SELECT i AS id FROM generate_series(1, 10) AS i');
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await cluster?.stop();
  });

  it('fails with DB_MISCONFIGURED naming the role and createCustomQueryRole: no 400, no retry', async () => {
    const error = await new AnalyticsService(db).exportCustomQuery('SELECT id FROM t').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DbConfigError);
    expect(error).toMatchObject({
      code: 'DB_MISCONFIGURED',
      message: expect.stringMatching(/rowport_custom_query.*does not exist.*createCustomQueryRole/),
      cause: { code: '22023' },
    });
    expect(isTransient(error)).toBe(false);
    expect(errorResponse(error, 'r1')).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL', requestId: 'r1' } } });
  });

  it('gives the client back outside any transaction', async () => {
    await expect(db.columnsOf('SELECT id FROM t', [], { readOnly: true })).rejects.toBeInstanceOf(DbConfigError);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM t')).rows[0]).toEqual({ n: 10 });
    expect((await db.pool.query("SELECT current_setting('transaction_read_only') AS ro")).rows[0]).toEqual({ ro: 'off' });
  });

  it('runs custom queries once the role is set up', async () => {
    await createCustomQueryRoleOn(cluster.url, ['t']);
    const { stream } = await new AnalyticsService(db).exportCustomQuery('SELECT id FROM t ORDER BY id');
    expect((await readAll(stream)).toString()).toMatch(/^\uFEFF?id\r?\n1\r?\n2\r?\n/);
  });
});
