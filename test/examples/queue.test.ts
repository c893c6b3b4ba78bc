import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DbUnavailableError } from '../../examples/analytics/db.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createPool, pgDb } from '../../examples/postgres/pgDb.js';
import { ExportQueue, QueueUnavailableError } from '../../examples/queue/exportQueue.js';
import { startExportWorker } from '../../examples/queue/exportWorker.js';
import type { ExportSpec } from '../../examples/queue/spec.js';
import { slowDb } from './fixtures/slowDb.js';
import { type RedisServer, freePort, haveRedis, startRedis } from './services.js';
import { tempDir } from './support.js';

const enabled = haveRedis();
const WORKER = fileURLToPath(new URL('./fixtures/queueWorker.ts', import.meta.url));
const SLOW: ExportSpec = { kind: 'query', sql: 'SELECT * FROM metrics ORDER BY id /*slow*/', options: { name: 'slow metrics' } };

let redis: RedisServer;
let out: Awaited<ReturnType<typeof tempDir>>;
let db: Awaited<ReturnType<typeof createSampleDatabase>>;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  if (!enabled) return;
  redis = await startRedis();
  out = await tempDir('rowport-queue-');
  db = await createSampleDatabase({ scale: 0.05 });
});
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await db?.close();
  await redis?.stop();
  await out?.remove();
});

/** A queue and an in-process worker on their own queue name and folder. */
async function setup(name: string, service: AnalyticsService, options: { backoffMs?: number } = {}) {
  const dir = join(out.dir, name);
  const queue = new ExportQueue({ redisUrl: redis.url, queueName: name, backoffMs: options.backoffMs ?? 50 });
  const runs: string[] = [];
  const worker = await startExportWorker({ redisUrl: redis.url, queueName: name, exportsDir: dir, service, cancelPollMs: 50, onJob: (job) => runs.push(job.id as string) });
  closers.push(() => queue.close(), () => worker.close());
  return { queue, worker, runs, dir };
}

const settled = (queue: ExportQueue, jobId: string, state = 'completed') =>
  vi.waitFor(
    async () => {
      const status = await queue.getExportStatus(jobId);
      if (status.state !== state) throw new Error(`${jobId} is ${status.state} (${status.error ?? ''})`);
      return status;
    },
    { timeout: 45_000, interval: 50 },
  );

/** Every file under a folder, recursively, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/** Starts a worker process; resolves once it is ready. */
async function workerProcess(env: Record<string, string>): Promise<{ child: ChildProcess; jobs: string[]; stop: () => Promise<void> }> {
  const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, REDIS_URL: redis.url, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const jobs: string[] = [];
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('ready')) resolve();
        if (line.startsWith('job ')) jobs.push(line.split(' ')[1] as string);
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  closers.push(stop);
  return { child, jobs, stop };
}

describe.runIf(enabled)('examples/queue (BullMQ on a real redis-server)', () => {
  it('runs an export to a file, reporting progress, and serves its status for polling', async () => {
    const { queue, dir } = await setup('basic', new AnalyticsService(db));
    const jobId = await queue.enqueueExport({ kind: 'student', studentId: 2, options: { columns: ['date', 'quiz_score'] } });
    const status = await settled(queue, jobId);
    const lessons = db.school.metrics.filter((m) => m.student_id === 2).length;
    expect(status).toMatchObject({ state: 'completed', progress: { rows: lessons, total: lessons, percent: 100 }, total: lessons, downloadUrl: `/exports/jobs/${jobId}/download` });
    expect(status.fileName).toMatch(/^student_analytics_2_.+\.csv$/);
    const file = await queue.getExportFile(jobId);
    expect(file?.path.startsWith(dir)).toBe(true);
    expect(parse(await readFile(file?.path as string, 'utf8'), { bom: true })).toHaveLength(lessons + 1);
  });

  it('reuses a finished export of the same spec (24-hour cache) until the cache is cleared', async () => {
    const { queue, runs } = await setup('cache', new AnalyticsService(db));
    const spec: ExportSpec = { kind: 'classes', classIds: [1, 2], options: { delimiter: ';', dateFormat: 'eu' } };
    const first = await queue.enqueueExport(spec);
    await settled(queue, first);
    const again = await queue.enqueueExport({ options: { dateFormat: 'eu', delimiter: ';' }, classIds: [1, 2], kind: 'classes' }); // same spec, other key order
    expect(again).toBe(first);
    expect(runs).toEqual([first]);
    const path = (await queue.getExportFile(first))?.path as string;
    expect(await queue.clearExportCache(spec)).toBe(1);
    expect(existsSync(path)).toBe(false);
    const third = await queue.enqueueExport(spec);
    await settled(queue, third);
    expect(runs).toHaveLength(2);
    await queue.enqueueExport({ kind: 'report', report: 'tutor-weekly' }).then((id) => settled(queue, id));
    expect(await queue.clearExportCache()).toBe(2);
  });

  it('does not retry a RowportError in the data, and leaves no file', async () => {
    const { queue, runs, dir } = await setup('data-error', new AnalyticsService(db));
    // Chinese names cannot be written in windows-1251: ROWPORT_UNMAPPABLE_CHARACTER.
    const jobId = await queue.enqueueExport({ kind: 'query', sql: 'SELECT name FROM students ORDER BY id', options: { encoding: 'windows-1251' } });
    const status = await settled(queue, jobId, 'failed');
    expect(status.error).toMatch(/^ROWPORT_UNMAPPABLE_CHARACTER: /);
    expect(runs).toEqual([jobId]);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('retries a lost database connection with backoff, and succeeds on the third attempt', async () => {
    let calls = 0;
    const flaky = new AnalyticsService({
      ...db,
      dialect: 'sqlite',
      columnsOf: (sql, params) => db.columnsOf(sql, params),
      close: () => db.close(),
      query: (sql, params) => ({
        async *[Symbol.asyncIterator]() {
          if (sql.startsWith('SELECT name FROM students WHERE id') && ++calls < 3) throw new DbUnavailableError('connection lost (injected)');
          yield* db.query(sql, params);
        },
      }),
    });
    const { queue, runs } = await setup('transient', flaky);
    const jobId = await queue.enqueueExport({ kind: 'student', studentId: 5 });
    const status = await settled(queue, jobId);
    expect(calls).toBe(3);
    expect(runs).toEqual([jobId, jobId, jobId]);
    expect(status.attemptsMade).toBeGreaterThanOrEqual(2);
  });

  it('gives up after 3 attempts with a clear error when PostgreSQL is unreachable, and leaves no file', async () => {
    const port = await freePort();
    const down = pgDb(createPool(`postgres://postgres@127.0.0.1:${port}/postgres`, { connectionTimeoutMillis: 1_000 }));
    closers.push(() => down.close());
    const { queue, runs, dir } = await setup('pg-down', new AnalyticsService(down));
    const jobId = await queue.enqueueExport({ kind: 'report', report: 'student' });
    const status = await settled(queue, jobId, 'failed');
    expect(status.error).toContain(`PostgreSQL is unreachable at 127.0.0.1:${port}`);
    expect(runs).toHaveLength(3);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('cancels a running export through its AbortSignal, leaving no file', async () => {
    const { queue, dir } = await setup('cancel', new AnalyticsService(slowDb(db)));
    const jobId = await queue.enqueueExport(SLOW);
    await vi.waitFor(async () => expect((await queue.getExportStatus(jobId)).progress?.rows).toBeGreaterThan(0), { timeout: 20_000, interval: 50 });
    expect(await queue.cancelExport(jobId)).toBe(true);
    const status = await settled(queue, jobId, 'failed');
    expect(status.error).toBe('Export cancelled');
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('cancels a waiting export by removing it', async () => {
    const queue = new ExportQueue({ redisUrl: redis.url, queueName: 'no-worker' });
    closers.push(() => queue.close());
    const jobId = await queue.enqueueExport({ kind: 'report', report: 'student' });
    expect((await queue.getExportStatus(jobId)).state).toBe('waiting');
    expect(await queue.cancelExport(jobId)).toBe(true);
    expect((await queue.getExportStatus(jobId)).state).toBe('unknown');
  });

  it('shares one queue between two worker processes: every job is done exactly once', async () => {
    const dir = join(out.dir, 'shared');
    const queue = new ExportQueue({ redisUrl: redis.url, queueName: 'shared' });
    closers.push(() => queue.close());
    const [a, b] = await Promise.all([workerProcess({ EXPORTS_DIR: dir, QUEUE: 'shared' }), workerProcess({ EXPORTS_DIR: dir, QUEUE: 'shared' })]);
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => queue.enqueueExport({ kind: 'student', studentId: i + 1 })));
    expect(new Set(ids).size).toBe(8);
    for (const id of ids) await settled(queue, id);
    const ran = [...(a?.jobs ?? []), ...(b?.jobs ?? [])];
    expect(ran.sort()).toEqual([...ids].sort()); // each once, none twice
    console.log(`[queue] worker A ran ${a?.jobs.length} jobs, worker B ran ${b?.jobs.length}`);
    expect((await filesUnder(dir)).filter((f) => !f.startsWith('.staging'))).toHaveLength(8);
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('retries on another worker when one is killed mid-export, leaving no partial file', async () => {
    const dir = join(out.dir, 'crash');
    const queue = new ExportQueue({ redisUrl: redis.url, queueName: 'crash' });
    closers.push(() => queue.close());
    const a = await workerProcess({ EXPORTS_DIR: dir, QUEUE: 'crash', SLOW_MS: '20', LOCK_MS: '1500' });
    const jobId = await queue.enqueueExport(SLOW);
    await vi.waitFor(async () => expect((await queue.getExportStatus(jobId)).progress?.rows).toBeGreaterThan(0), { timeout: 30_000, interval: 50 });
    expect(await filesUnder(join(dir, '.staging', String(a.child.pid)))).toHaveLength(1); // A's temp file, half written
    a.child.kill('SIGKILL');
    await new Promise((resolve) => a.child.once('exit', resolve));
    const b = await workerProcess({ EXPORTS_DIR: dir, QUEUE: 'crash', LOCK_MS: '1500' });
    const status = await settled(queue, jobId);
    expect(a.jobs).toEqual([jobId]);
    expect(b.jobs).toEqual([jobId]);
    const file = await queue.getExportFile(jobId);
    expect(parse(await readFile(file?.path as string, 'utf8'), { bom: true })).toHaveLength(db.school.metrics.length + 1);
    expect(status.progress?.percent).toBe(100);
    // Only the whole file: A's staging folder (and its half-written temp file) was swept by B.
    expect((await filesUnder(dir)).filter((f) => !f.startsWith(`.staging/${b.child.pid}/`))).toEqual([file?.path.slice(dir.length + 1)]);
    await b.stop();
  });

  it('fails clearly, without crashing, when Redis is unreachable', async () => {
    const port = await freePort();
    const queue = new ExportQueue({ redisUrl: `redis://127.0.0.1:${port}`, connectTimeoutMs: 1_000 });
    await expect(queue.enqueueExport({ kind: 'report', report: 'student' })).rejects.toBeInstanceOf(QueueUnavailableError);
    await expect(queue.getExportStatus('x')).rejects.toMatchObject({ code: 'QUEUE_UNAVAILABLE', message: expect.stringContaining(`127.0.0.1:${port}`) });
    await expect(startExportWorker({ redisUrl: `redis://127.0.0.1:${port}`, service: new AnalyticsService(db), exportsDir: join(out.dir, 'never') })).rejects.toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    expect(existsSync(join(out.dir, 'never'))).toBe(false);
    await queue.close();
  });
});

describe.runIf(enabled)('examples/queue over HTTP', () => {
  it('queues with POST, polls the status, then downloads the file', async () => {
    const { queue } = await setup('http', new AnalyticsService(db));
    const { createExportServer } = await import('../../examples/http/server.js');
    const { listen } = await import('./httpClient.js');
    const server = await listen(createExportServer(new AnalyticsService(db), { jobs: queue }));
    closers.push(server.stop);
    const posted = await fetch(`${server.base}/exports/jobs`, { method: 'POST', body: JSON.stringify({ kind: 'student', studentId: 2, options: { format: 'xlsx' } }) });
    expect(posted.status).toBe(202);
    const { jobId, statusUrl } = (await posted.json()) as { jobId: string; statusUrl: string };
    const status = await vi.waitFor(
      async () => {
        const body = (await (await fetch(`${server.base}${statusUrl}`)).json()) as { state: string; downloadUrl?: string; fileName?: string };
        if (body.state !== 'completed') throw new Error(body.state);
        return body;
      },
      { timeout: 30_000, interval: 50 },
    );
    const file = await fetch(`${server.base}${status.downloadUrl}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(status.fileName as string)}`);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.equals(await readFile((await queue.getExportFile(jobId))?.path as string))).toBe(true);
    expect((await fetch(`${server.base}/exports/jobs/nope`)).status).toBe(404);
    expect((await fetch(`${server.base}/exports/jobs`, { method: 'POST', body: '{oops' })).status).toBe(400);
  });
});
