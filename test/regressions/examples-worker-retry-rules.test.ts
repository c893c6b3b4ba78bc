// examples/queue/exportWorker.ts retried every error that was not a RowportError or AnalyticsError as
// transient: SQL errors, read-only violations, statement timeouts, "Region is missing" ran 3 times (#18).
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { DbUnavailableError } from '../../examples/analytics/db.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import type { ExportSpec } from '../../examples/analytics/spec.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { type PgDb, createPool, pgDb } from '../../examples/postgres/pgDb.js';
import { ExportQueue } from '../../examples/queue/exportQueue.js';
import { type ExportStore, createLocalStore } from '../../examples/queue/exportStore.js';
import { startExportWorker } from '../../examples/queue/exportWorker.js';
import { createS3Store } from '../../examples/queue/s3Store.js';
import { type PostgresCluster, type RedisServer, createCustomQueryRoleOn, havePostgres, haveRedis, startPostgres, startRedis } from '../examples/services.js';
import { tempDir } from '../examples/support.js';

const enabled = havePostgres() && haveRedis();
const ADMIN: Principal = { id: 'admin', role: 'admin' };
let cluster: PostgresCluster;
let redis: RedisServer;
let pgdb: PgDb;
let out: Awaited<ReturnType<typeof tempDir>>;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  if (!enabled) return;
  [cluster, redis, out] = await Promise.all([startPostgres(), startRedis(), tempDir('rowport-retry-')]);
  pgdb = pgDb(createPool(cluster.url));
  await pgdb.pool.query('CREATE TABLE t AS SELECT i AS id FROM generate_series(0, 2000) AS i; CREATE SEQUENCE s');
  await createCustomQueryRoleOn(cluster.url, ['t']); // the jobs are custom queries
  // The role may use the sequence, so what refuses nextval() is the read-only transaction (25006), not a privilege.
  await pgdb.pool.query('GRANT USAGE ON SEQUENCE s TO rowport_custom_query');
}, 120_000);
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await pgdb?.close();
  await Promise.all([cluster?.stop(), redis?.stop()]);
  await out?.remove();
});

/** Runs one job on its own queue; resolves with its final status and how many times the worker ran it. */
async function runOnce(name: string, service: AnalyticsService, spec: ExportSpec, store?: ExportStore) {
  const theStore = store ?? (await createLocalStore(join(out.dir, name)));
  const queue = new ExportQueue({ redisUrl: redis.url, queueName: name, store: theStore, backoffMs: 20 });
  const runs: string[] = [];
  const worker = await startExportWorker({ redisUrl: redis.url, queueName: name, store: theStore, service, onJob: (job) => runs.push(job.id as string) });
  closers.push(
    () => worker.close(),
    () => queue.close(),
  );
  const jobId = await queue.enqueueExport(spec, ADMIN);
  const status = await vi.waitFor(
    async () => {
      const s = await queue.getExportStatus(jobId, ADMIN);
      if (s.state !== 'completed' && s.state !== 'failed') throw new Error(s.state);
      return s;
    },
    { timeout: 30_000, interval: 50 },
  );
  return { status, runs };
}

describe.runIf(enabled)('exportWorker retries only what can succeed on retry', () => {
  it.each([
    ['an error raised while the query runs (division by zero, 22012)', 'SELECT 1 / (id - id) AS x FROM t', {}, /division by zero/],
    ['a write in the read-only transaction (25006)', "SELECT nextval('s') AS n FROM t", {}, /cannot execute nextval\(\) in a read-only transaction/],
    [
      'a statement timeout (57014)',
      'SELECT pg_sleep(0.5) AS x FROM t WHERE id < 3',
      { customQuery: { timeoutMs: 200 } },
      /canceling statement due to statement timeout/,
    ],
  ])('fails %s after one run', async (_, sql, options, message) => {
    const name = `sql-${Math.random().toString(36).slice(2)}`;
    const { status, runs } = await runOnce(name, new AnalyticsService(pgdb, options), { kind: 'query', sql });
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(message);
    expect(runs).toHaveLength(1);
  });

  it('fails an S3 store without a region ("Region is missing") after one run', async () => {
    const region = process.env.AWS_REGION;
    delete process.env.AWS_REGION;
    try {
      const client = new S3Client({ credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
      const db = await createSampleDatabase({ scale: 0.01 });
      closers.push(() => db.close());
      const { status, runs } = await runOnce(
        'no-region',
        new AnalyticsService(db),
        { kind: 'student', studentId: 1 },
        createS3Store({ client, bucket: 'exports' }),
      );
      expect(status).toMatchObject({ state: 'failed', error: expect.stringMatching(/Region is missing/) });
      expect(runs).toHaveLength(1);
    } finally {
      if (region !== undefined) process.env.AWS_REGION = region;
    }
  });

  it('still retries a lost database connection, and succeeds once it is back', async () => {
    let calls = 0;
    const flaky: PgDb = {
      ...pgdb,
      query: (sql, params, options) => ({
        async *[Symbol.asyncIterator]() {
          if (++calls < 3) throw new DbUnavailableError('connection lost (injected)');
          yield* pgdb.query(sql, params, options);
        },
      }),
    };
    const { status, runs } = await runOnce('flaky', new AnalyticsService(flaky), { kind: 'query', sql: 'SELECT id FROM t' });
    expect(status.state).toBe('completed');
    expect(runs).toHaveLength(3);
  });
});
