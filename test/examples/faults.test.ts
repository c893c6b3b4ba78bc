import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { ExportQueue, type ExportStatus } from '../../examples/queue/exportQueue.js';
import { createS3Store } from '../../examples/queue/s3Store.js';
import {
  type PostgresCluster,
  type RedisServer,
  type S3Server,
  createCustomQueryRoleOn,
  havePostgres,
  haveRedis,
  startPostgres,
  startRedis,
  startS3,
} from './services.js';
import { onLines, readAll } from './support.js';

/**
 * The fault test: a worker process on PostgreSQL, Redis (with the append-only file the README asks
 * for) and S3 (s3rver), each service stopped once while a job streams. No process dies, every job
 * completes exactly once with all its rows, and nothing is left: no second object, no unfinished
 * multipart upload.
 */
const enabled = havePostgres() && haveRedis();
const WORKER = fileURLToPath(new URL('./fixtures/queueWorker.ts', import.meta.url));
const ADMIN: Principal = { id: 'admin', role: 'admin' };
const ROWS = 60_000; // ~8 MB of CSV: a multipart upload of two parts
const SPEC = { kind: 'query', sql: 'SELECT * FROM wide ORDER BY id /*slow*/', options: { name: 'wide' } } as const;

let cluster: PostgresCluster;
let redis: RedisServer;
let s3: S3Server;
let queue: ExportQueue;
let worker: { child: ChildProcess; jobs: string[] };
const exits: (number | null)[] = [];

beforeAll(async () => {
  if (!enabled) return;
  [cluster, redis, s3] = await Promise.all([startPostgres(), startRedis({ persistent: true }), startS3()]);
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(`CREATE TABLE wide AS SELECT i AS id, repeat(md5(i::text), 4) AS note FROM generate_series(1, ${ROWS}) AS i`);
  await client.end();
  await createCustomQueryRoleOn(cluster.url, ['wide']); // the job's SQL is a custom query
  const store = createS3Store({ client: s3.client(), bucket: s3.bucket });
  queue = new ExportQueue({ redisUrl: redis.url, queueName: 'faults', store, attempts: 6, backoffMs: 300 });
  const child = fork(WORKER, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      QUEUE: 'faults',
      DATABASE_URL: cluster.url,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      SLOW_MS: '2',
      STALL_MS: '2000',
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  worker = { child, jobs: [] };
  child.once('exit', (code) => exits.push(code));
  await new Promise<void>((resolve, reject) => {
    onLines(child.stdout, (line) => {
      if (line.startsWith('ready')) resolve();
      if (line.startsWith('job ')) worker.jobs.push(line.split(' ')[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}, 120_000);
afterAll(async () => {
  if (worker?.child.exitCode === null) {
    const exited = new Promise((resolve) => worker.child.once('exit', resolve));
    worker.child.kill('SIGTERM');
    await exited;
  }
  await queue?.close();
  await Promise.all([cluster?.stop(), redis?.stop(), s3?.stop()]);
}, 60_000);

/** Polls the job's status (through Redis, which may be down: then it tries again) until `done` holds. */
const waitFor = (jobId: string, done: (status: ExportStatus) => boolean, what: string) =>
  vi.waitFor(
    async () => {
      const status = await queue.getExportStatus(jobId, ADMIN);
      if (!done(status))
        throw new Error(`waiting for ${what}: ${status.state}, ${status.attemptsMade} attempts, ${status.progress?.rows ?? 0} rows (${status.error ?? ''})`);
      return status;
    },
    { timeout: 60_000, interval: 50 },
  );

/** The pids of the backends running `sql`, or fetching from its cursor. */
async function backendsOf(sql: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    // A custom query reads through a cursor: its backend's last statement is a FETCH from it.
    const { rows } = await client.query(
      "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND (position($1 in query) > 0 OR query LIKE 'FETCH FORWARD % FROM rowport_rows')",
      [sql],
    );
    return rows.map((row: { pid: number }) => row.pid);
  } finally {
    await client.end();
  }
}

const uploads = async () => (await s3.client().send(new ListMultipartUploadsCommand({ Bucket: s3.bucket }))).Uploads ?? [];
const streaming = (s: ExportStatus) => s.state === 'active' && (s.progress?.rows ?? 0) > 0;

/** Checks the job finished once, whole, as the only object, with no upload left and the worker alive. */
async function finishedCleanly(jobId: string): Promise<void> {
  const status = await waitFor(jobId, (s) => s.state === 'completed' || s.state === 'failed', 'the end');
  expect(status).toMatchObject({ state: 'completed', progress: { rows: ROWS, percent: 100 } });
  const file = await queue.getExportFile(jobId, ADMIN);
  expect(file?.key).toBe(`${jobId}.csv`);
  const csv = (await readAll(await queue.store.open(file?.key as string))).toString('utf8');
  expect(parse(csv, { bom: true, columns: true })).toHaveLength(ROWS);
  const client = s3.client();
  const objects = (await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? [];
  expect(objects.map((o) => o.Key).filter((k) => k?.includes(jobId))).toEqual([`exports/${jobId}.csv`]);
  expect(await uploads()).toEqual([]);
  expect(exits).toEqual([]); // the worker process is alive
}

describe.runIf(enabled)('examples/queue survives PostgreSQL, Redis and S3 outages mid-job', () => {
  it('PostgreSQL stopped while a job streams: the attempt fails as DB_UNAVAILABLE, the retry completes it', async () => {
    const jobId = await queue.enqueueExport(SPEC, ADMIN);
    await waitFor(jobId, streaming, 'rows');
    await cluster.down('fast');
    await waitFor(jobId, (s) => s.attemptsMade >= 1 || s.state === 'failed', 'the failed attempt');
    await cluster.up();
    await finishedCleanly(jobId);
    expect(worker.jobs.filter((id) => id === jobId).length).toBeGreaterThanOrEqual(2); // retried, not crashed
  }, 120_000);

  it('Redis killed while a job streams and restarted from its append-only file: the job completes once, nothing is lost', async () => {
    const jobId = await queue.enqueueExport({ ...SPEC, options: { name: 'wide redis' } }, ADMIN);
    await waitFor(jobId, streaming, 'rows');
    const before = worker.jobs.length;
    await redis.down();
    await expect(queue.getExportStatus(jobId, ADMIN)).rejects.toMatchObject({ code: 'QUEUE_UNAVAILABLE' }); // it is down
    await redis.up();
    await finishedCleanly(jobId);
    expect(worker.jobs.slice(before - 1).filter((id) => id === jobId)).toEqual([jobId]); // ran once
  }, 120_000);

  it('PostgreSQL frozen while a job streams (its backend stopped, the connection open): the attempt is stopped, its connection cut, the retry completes it', async () => {
    const jobId = await queue.enqueueExport({ ...SPEC, options: { name: 'wide frozen' } }, ADMIN);
    await waitFor(jobId, streaming, 'rows');
    const pids = await backendsOf(SPEC.sql);
    expect(pids).toHaveLength(1);
    const pid = pids[0] as number;
    process.kill(pid, 'SIGSTOP'); // answers nothing, closes nothing: as a database behind a dead network
    try {
      await waitFor(jobId, (s) => s.attemptsMade >= 1 || s.state === 'failed', 'the stopped attempt');
      await finishedCleanly(jobId); // on a new connection, while the old backend is still frozen
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // The frozen backend's connection was cut: once it runs again it sees its client gone and ends.
    await vi.waitFor(async () => expect(await backendsOf(SPEC.sql)).not.toContain(pid), { timeout: 30_000, interval: 100 });
  }, 120_000);

  it('S3 stopped while a job uploads: the attempt fails, the retry aborts the unfinished upload and completes it', async () => {
    const jobId = await queue.enqueueExport({ ...SPEC, options: { name: 'wide s3' } }, ADMIN);
    await vi.waitFor(async () => expect((await uploads()).map((u) => u.Key)).toEqual([`exports/${jobId}.csv`]), { timeout: 60_000, interval: 50 }); // a part is on its way
    await s3.down();
    await waitFor(jobId, (s) => s.attemptsMade >= 1 || s.state === 'failed', 'the failed attempt');
    await s3.up();
    await finishedCleanly(jobId);
  }, 120_000);
});
