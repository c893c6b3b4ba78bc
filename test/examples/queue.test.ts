import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DbUnavailableError } from '../../examples/analytics/db.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createPool, pgDb } from '../../examples/postgres/pgDb.js';
import { ExportQueue, QueueUnavailableError } from '../../examples/queue/exportQueue.js';
import { startExportWorker } from '../../examples/queue/exportWorker.js';
import type { ExportSpec } from '../../examples/analytics/spec.js';
import type { Principal } from '../../examples/analytics/access.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { createLocalStore } from '../../examples/queue/exportStore.js';
import { slowDb } from './fixtures/slowDb.js';
import { type RedisServer, freePort, haveRedis, startRedis } from './services.js';
import { onLines, tempDir } from './support.js';

const enabled = haveRedis();
const WORKER = fileURLToPath(new URL('./fixtures/queueWorker.ts', import.meta.url));
const ADMIN: Principal = { id: 'admin', role: 'admin' };
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
  const store = await createLocalStore(dir);
  const queue = new ExportQueue({ redisUrl: redis.url, queueName: name, backoffMs: options.backoffMs ?? 50, store });
  const runs: string[] = [];
  const worker = await startExportWorker({
    redisUrl: redis.url,
    queueName: name,
    store,
    service,
    cancelPollMs: 50,
    onJob: (job) => runs.push(job.id as string),
  });
  closers.push(
    () => queue.close(),
    () => worker.close(),
  );
  return { queue, worker, runs, dir, store };
}

const settled = (queue: ExportQueue, jobId: string, state = 'completed') =>
  vi.waitFor(
    async () => {
      const status = await queue.getExportStatus(jobId, ADMIN);
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
  const child = fork(WORKER, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, REDIS_URL: redis.url, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const jobs: string[] = [];
  await new Promise<void>((resolve, reject) => {
    onLines(child.stdout, (line) => {
      if (line.startsWith('ready')) resolve();
      if (line.startsWith('job ')) jobs.push(line.split(' ')[1] as string);
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
    const jobId = await queue.enqueueExport({ kind: 'student', studentId: 2, options: { columns: ['date', 'quiz_score'] } }, ADMIN);
    const status = await settled(queue, jobId);
    const lessons = db.school.metrics.filter((m) => m.student_id === 2).length;
    expect(status).toMatchObject({ state: 'completed', progress: { rows: lessons, total: lessons, percent: 100 }, total: lessons });
    expect(status.fileName).toMatch(/^student_analytics_2_.+\.csv$/);
    const file = await queue.getExportFile(jobId, ADMIN);
    expect(file?.key).toBe(`${jobId}.csv`); // a function of the job, not of the time it ran
    expect(jobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/); // random, not derived from the spec
    expect(parse(await readFile(join(dir, file?.key as string), 'utf8'), { bom: true })).toHaveLength(lessons + 1);
  });

  it('reuses a finished export of the same spec (24-hour cache) until the cache is cleared', async () => {
    const { queue, runs, dir } = await setup('cache', new AnalyticsService(db));
    const spec: ExportSpec = { kind: 'classes', classIds: [1, 2], options: { delimiter: ';', dateFormat: 'eu' } };
    const first = await queue.enqueueExport(spec, ADMIN);
    await settled(queue, first);
    const again = await queue.enqueueExport({ options: { dateFormat: 'eu', delimiter: ';' }, classIds: [1, 2], kind: 'classes' }, ADMIN); // same spec, other key order
    expect(again).toBe(first);
    expect(runs).toEqual([first]);
    const path = join(dir, (await queue.getExportFile(first, ADMIN))?.key as string);
    expect(await queue.clearExportCache({ spec, owner: ADMIN })).toBe(1);
    expect(existsSync(path)).toBe(false);
    const third = await queue.enqueueExport(spec, ADMIN);
    await settled(queue, third);
    expect(runs).toHaveLength(2);
    await queue.enqueueExport({ kind: 'report', report: 'tutor-weekly' }, ADMIN).then((id) => settled(queue, id));
    expect(await queue.clearExportCache()).toBe(2);
  });

  it('deletes the file when the cache entry expires, and runs the spec again when asked after', async () => {
    const dir = join(out.dir, 'expiry');
    const store = await createLocalStore(dir);
    const queue = new ExportQueue({ redisUrl: redis.url, queueName: 'expiry', store, cacheTtlMs: 1_000 });
    const runs: string[] = [];
    const worker = await startExportWorker({
      redisUrl: redis.url,
      queueName: 'expiry',
      store,
      service: new AnalyticsService(db),
      cacheTtlMs: 1_000,
      sweepIntervalMs: 100,
      onJob: (job) => runs.push(job.id as string),
    });
    closers.push(
      () => queue.close(),
      () => worker.close(),
    );
    const first = await queue.enqueueExport({ kind: 'student', studentId: 7 }, ADMIN);
    await settled(queue, first);
    const key = (await queue.getExportFile(first, ADMIN))?.key as string;
    expect(existsSync(join(dir, key))).toBe(true);
    await vi.waitFor(() => expect(existsSync(join(dir, key))).toBe(false), { timeout: 20_000, interval: 50 }); // the sweeper removed it
    expect(await queue.getExportFile(first, ADMIN)).toBeUndefined();
    const second = await queue.enqueueExport({ kind: 'student', studentId: 7 }, ADMIN);
    expect(second).not.toBe(first);
    await settled(queue, second);
    expect(runs).toEqual([first, second]);
  });

  it('does not retry a RowportError in the data, and leaves no file', async () => {
    const { queue, runs, dir } = await setup('data-error', new AnalyticsService(db));
    // Chinese names cannot be written in windows-1251: ROWPORT_UNMAPPABLE_CHARACTER.
    const jobId = await queue.enqueueExport({ kind: 'query', sql: 'SELECT name FROM students ORDER BY id', options: { encoding: 'windows-1251' } }, ADMIN);
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
    const jobId = await queue.enqueueExport({ kind: 'student', studentId: 5 }, ADMIN);
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
    const jobId = await queue.enqueueExport({ kind: 'report', report: 'student' }, ADMIN);
    const status = await settled(queue, jobId, 'failed');
    expect(status.error).toContain(`PostgreSQL is unreachable at 127.0.0.1:${port}`);
    expect(runs).toHaveLength(3);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('cancels a running export through its AbortSignal, leaving no file', async () => {
    const { queue, dir } = await setup('cancel', new AnalyticsService(slowDb(db)));
    const jobId = await queue.enqueueExport(SLOW, ADMIN);
    await vi.waitFor(async () => expect((await queue.getExportStatus(jobId, ADMIN)).progress?.rows).toBeGreaterThan(0), { timeout: 20_000, interval: 50 });
    expect(await queue.cancelExport(jobId, ADMIN)).toBe(true);
    const status = await settled(queue, jobId, 'failed');
    expect(status.error).toBe('Export cancelled');
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('cancels a waiting export by removing it', async () => {
    const queue = new ExportQueue({ redisUrl: redis.url, queueName: 'no-worker', store: await createLocalStore(join(out.dir, 'no-worker')) });
    closers.push(() => queue.close());
    const jobId = await queue.enqueueExport({ kind: 'report', report: 'student' }, ADMIN);
    expect((await queue.getExportStatus(jobId, ADMIN)).state).toBe('waiting');
    expect(await queue.cancelExport(jobId, ADMIN)).toBe(true);
    expect((await queue.getExportStatus(jobId, ADMIN)).state).toBe('unknown');
  });

  it('shares one queue between two worker processes: every job is done exactly once', async () => {
    const dir = join(out.dir, 'shared');
    const queue = new ExportQueue({ redisUrl: redis.url, queueName: 'shared', store: await createLocalStore(dir), maxRunningPerPrincipal: 8 });
    closers.push(() => queue.close());
    const [a, b] = await Promise.all([workerProcess({ EXPORTS_DIR: dir, QUEUE: 'shared' }), workerProcess({ EXPORTS_DIR: dir, QUEUE: 'shared' })]);
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => queue.enqueueExport({ kind: 'student', studentId: i + 1 }, ADMIN)));
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
    const queue = new ExportQueue({ redisUrl: redis.url, queueName: 'crash', store: await createLocalStore(dir) });
    closers.push(() => queue.close());
    const a = await workerProcess({ EXPORTS_DIR: dir, QUEUE: 'crash', SLOW_MS: '20', LOCK_MS: '1500' });
    const jobId = await queue.enqueueExport(SLOW, ADMIN);
    await vi.waitFor(async () => expect((await queue.getExportStatus(jobId, ADMIN)).progress?.rows).toBeGreaterThan(0), { timeout: 30_000, interval: 50 });
    expect(await filesUnder(join(dir, '.staging', String(a.child.pid)))).toHaveLength(1); // A's temp file, half written
    a.child.kill('SIGKILL');
    await new Promise((resolve) => a.child.once('exit', resolve));
    const b = await workerProcess({ EXPORTS_DIR: dir, QUEUE: 'crash', LOCK_MS: '1500' });
    const status = await settled(queue, jobId);
    expect(a.jobs).toEqual([jobId]);
    expect(b.jobs).toEqual([jobId]);
    const file = await queue.getExportFile(jobId, ADMIN);
    expect(parse(await readFile(join(dir, file?.key as string), 'utf8'), { bom: true })).toHaveLength(db.school.metrics.length + 1);
    expect(status.progress?.percent).toBe(100);
    // Only the whole file: A's staging folder (and its half-written temp file) was swept by B.
    expect((await filesUnder(dir)).filter((f) => !f.startsWith(`.staging/${b.child.pid}/`))).toEqual([file?.key]);
    await b.stop();
  });

  it('fails clearly, without crashing, when Redis is unreachable', async () => {
    const port = await freePort();
    const queue = new ExportQueue({ redisUrl: `redis://127.0.0.1:${port}`, connectTimeoutMs: 1_000, store: await createLocalStore(join(out.dir, 'never')) });
    await expect(queue.enqueueExport({ kind: 'report', report: 'student' }, ADMIN)).rejects.toBeInstanceOf(QueueUnavailableError);
    await expect(queue.getExportStatus(crypto.randomUUID(), ADMIN)).rejects.toMatchObject({
      code: 'QUEUE_UNAVAILABLE',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
    await expect(
      startExportWorker({ redisUrl: `redis://127.0.0.1:${port}`, service: new AnalyticsService(db), store: await createLocalStore(join(out.dir, 'never')) }),
    ).rejects.toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    expect(existsSync(join(out.dir, 'never'))).toBe(false);
    await queue.close();
  });
});

describe.runIf(enabled)('examples/queue over HTTP, with access control', () => {
  let clock = Date.now();
  const auth = createTokenAuth({ secret: 'a test secret of at least thirty-two bytes', now: () => clock });
  const student2: Principal = { id: 'student-2', role: 'student', studentId: 2 };
  const student3: Principal = { id: 'student-3', role: 'student', studentId: 3 };
  const bearer = (principal: Principal) => ({ authorization: `Bearer ${auth.issue(principal)}` });
  const logged: unknown[] = [];

  async function httpSetup(name: string, withWorker = true, flavour: 'node:http' | 'express' = 'node:http') {
    const { createExportServer } = await import('../../examples/http/server.js');
    const { createExportApp } = await import('../../examples/http/app.js');
    const { createServer } = await import('node:http');
    const { listen } = await import('./httpClient.js');
    const dir = join(out.dir, name);
    const store = await createLocalStore(dir);
    const queue = new ExportQueue({ redisUrl: redis.url, queueName: name, store });
    closers.push(() => queue.close());
    if (withWorker) {
      const worker = await startExportWorker({ redisUrl: redis.url, queueName: name, store, service: new AnalyticsService(db), cancelPollMs: 50 });
      closers.push(() => worker.close());
    }
    const options = { authenticate: auth.authenticate, links: auth, jobs: queue, onError: (e: unknown) => logged.push(e) };
    const service = new AnalyticsService(db);
    const server = await listen(flavour === 'express' ? createServer(createExportApp(service, options)) : createExportServer(service, options));
    closers.push(server.stop);
    const post = (spec: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.base}/exports/jobs`, { method: 'POST', headers, body: JSON.stringify(spec) });
    return { queue, dir, base: server.base, post };
  }

  const completed = (base: string, statusUrl: string, principal: Principal) =>
    vi.waitFor(
      async () => {
        const body = (await (await fetch(`${base}${statusUrl}`, { headers: bearer(principal) })).json()) as {
          state: string;
          downloadUrl?: string;
          fileName?: string;
        };
        if (body.state !== 'completed') throw new Error(body.state);
        return body;
      },
      { timeout: 30_000, interval: 50 },
    );

  it.each(['node:http', 'express'] as const)(
    'queues with POST, polls the status, then downloads through the signed link without a token (%s)',
    async (flavour) => {
      const { queue, dir, base, post } = await httpSetup(`http-${flavour.replace(':', '')}`, true, flavour);
      const posted = await post({ kind: 'student', studentId: 2, options: { format: 'xlsx' } }, bearer(student2));
      expect(posted.status).toBe(202);
      const { jobId, statusUrl } = (await posted.json()) as { jobId: string; statusUrl: string };
      const status = await completed(base, statusUrl, student2);
      expect(status.downloadUrl).toMatch(new RegExp(`^/exports/jobs/${jobId}/download\\?expires=\\d+&sig=[\\w-]+$`));
      const file = await fetch(`${base}${status.downloadUrl}`); // no Authorization header: the link is the credential
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toMatch(/spreadsheetml/);
      expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(status.fileName as string)}`);
      const bytes = Buffer.from(await file.arrayBuffer());
      expect(bytes.equals(await readFile(join(dir, (await queue.getExportFile(jobId, student2))?.key as string)))).toBe(true);
      // The owner may also download with the bearer token, without a link.
      expect((await fetch(`${base}/exports/jobs/${jobId}/download`, { headers: bearer(student2) })).status).toBe(200);
      expect((await fetch(`${base}/exports/jobs/nope`, { headers: bearer(student2) })).status).toBe(404);
      expect([400, 404]).toContain((await fetch(`${base}/exports/jobs/%zz`, { headers: bearer(student2) })).status); // Express answers 400 itself
      expect((await post('{oops', bearer(student2))).status).toBe(400);
    },
  );

  it.each([
    ['no Authorization header', {}],
    ['a tampered token', { authorization: `Bearer ${auth.issue(student2).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}` }],
    [
      'a token with forged claims',
      {
        authorization: `Bearer ${Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', exp: 9e15 })).toString('base64url')}.${auth.issue(student2).split('.')[1]}`,
      },
    ],
    ['an expired token', { authorization: `Bearer ${auth.issue(student2, -1)}` }],
    ['a Basic header', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
  ])('answers an anonymous POST (%s) with 401', async (_, headers) => {
    const { post } = await httpSetup(`anon-${Math.random().toString(36).slice(2)}`, false);
    const reply = await post({ kind: 'student', studentId: 2 }, headers as Record<string, string>);
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer');
    expect(await reply.json()).toMatchObject({ error: { code: 'ANALYTICS_UNAUTHENTICATED' } });
  });

  it.each([
    ['another student', { kind: 'student', studentId: 3 }],
    ['a class', { kind: 'classes', classIds: [1] }],
    ['all classes', { kind: 'classes', classIds: 'all' }],
    ['a report', { kind: 'report', report: 'student' }],
    ['custom SQL', { kind: 'query', sql: 'SELECT * FROM students' }],
    ['the comprehensive workbook', { kind: 'comprehensive' }],
  ])('answers a student asking for %s with 403, queuing nothing', async (_, spec) => {
    const name = `forbidden-${Math.random().toString(36).slice(2)}`;
    const { post } = await httpSetup(name, false);
    const reply = await post(spec, bearer(student2));
    expect(reply.status).toBe(403);
    expect(await reply.json()).toMatchObject({ error: { code: 'ANALYTICS_FORBIDDEN', message: expect.any(String) } });
    const connection = new Redis(redis.url);
    const counts = new Queue(name, { connection });
    try {
      expect(await counts.getJobCounts()).toMatchObject({ waiting: 0, active: 0, completed: 0 });
    } finally {
      await counts.close();
      connection.disconnect();
    }
  });

  it.each(['node:http', 'express'] as const)(
    "answers a second user polling, downloading or cancelling the first user's job with 404, as for no job (%s)",
    async (flavour) => {
      const { base, post } = await httpSetup(`others-${flavour.replace(':', '')}`, true, flavour);
      const { jobId, statusUrl } = (await (await post({ kind: 'student', studentId: 2 }, bearer(student2))).json()) as { jobId: string; statusUrl: string };
      await completed(base, statusUrl, student2);
      const teacher: Principal = { id: 'teacher-1', role: 'teacher', teacherId: 1 };
      for (const other of [student3, teacher]) {
        const poll = await fetch(`${base}${statusUrl}`, { headers: bearer(other) });
        const download = await fetch(`${base}/exports/jobs/${jobId}/download`, { headers: bearer(other) });
        const cancel = await fetch(`${base}${statusUrl}`, { method: 'DELETE', headers: bearer(other) });
        const missing = await fetch(`${base}/exports/jobs/${crypto.randomUUID()}`, { headers: bearer(other) });
        for (const reply of [poll, download, cancel, missing]) {
          expect(reply.status).toBe(404);
          expect(await reply.json()).toEqual({ error: { code: 'ANALYTICS_NOT_FOUND', message: expect.any(String) } });
        }
      }
      // An admin sees it.
      expect((await fetch(`${base}${statusUrl}`, { headers: bearer(ADMIN) })).status).toBe(200);
    },
  );

  it('answers an expired or tampered download link with 403', async () => {
    const { base, post } = await httpSetup('links');
    const first = (await (await post({ kind: 'student', studentId: 2 }, bearer(student2))).json()) as { jobId: string; statusUrl: string };
    const second = (await (await post({ kind: 'student', studentId: 3 }, bearer(student3))).json()) as { jobId: string; statusUrl: string };
    const { downloadUrl } = await completed(base, first.statusUrl, student2);
    await completed(base, second.statusUrl, student3);
    const url = new URL(downloadUrl as string, base);
    const sig = url.searchParams.get('sig') as string;
    const expires = url.searchParams.get('expires') as string;
    const variants = [
      `/exports/jobs/${first.jobId}/download?expires=${expires}&sig=${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, // tampered signature
      `/exports/jobs/${first.jobId}/download?expires=${Number(expires) + 60_000}&sig=${sig}`, // extended expiry
      `/exports/jobs/${second.jobId}/download?expires=${expires}&sig=${sig}`, // another job's id under this signature
      `/exports/jobs/${first.jobId}/download?expires=${expires}`, // no signature
    ];
    for (const path of variants) {
      const reply = await fetch(`${base}${path}`);
      expect(reply.status).toBe(403);
      expect(await reply.json()).toMatchObject({ error: { code: 'ANALYTICS_INVALID_LINK' } });
    }
    expect((await fetch(url)).status).toBe(200);
    clock += 16 * 60_000; // past the link's 15 minutes
    try {
      const reply = await fetch(url);
      expect(reply.status).toBe(403);
      expect(await reply.json()).toMatchObject({ error: { code: 'ANALYTICS_INVALID_LINK' } });
    } finally {
      clock = Date.now();
    }
  });

  it('caps running exports per principal at 3: the 4th is 429 with Retry-After', async () => {
    const { post, base } = await httpSetup('cap', false); // no worker: the jobs stay waiting
    const specs = ['iso', 'us', 'eu', 'full'].map((dateFormat) => ({ kind: 'student', studentId: 2, options: { dateFormat } }));
    const ids: string[] = [];
    for (const spec of specs.slice(0, 3)) {
      const reply = await post(spec, bearer(student2));
      expect(reply.status).toBe(202);
      ids.push(((await reply.json()) as { jobId: string }).jobId);
    }
    // Racing requests cannot slip past the cap either: of 5 at once, none is admitted.
    const racing = await Promise.all(
      ['yyyy', 'MM/yyyy', 'dd.MM', 'yyyy-MM', 'MM-dd'].map((dateFormat) => post({ kind: 'student', studentId: 2, options: { dateFormat } }, bearer(student2))),
    );
    expect(racing.map((r) => r.status)).toEqual([429, 429, 429, 429, 429]);
    const refused = await post(specs[3], bearer(student2));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'ANALYTICS_TOO_MANY_EXPORTS' } });
    expect((await post({ kind: 'student', studentId: 3 }, bearer(student3))).status).toBe(202); // others are not held back
    const student5: Principal = { id: 'student-5', role: 'student', studentId: 5 };
    const burst = await Promise.all(
      ['iso', 'us', 'eu', 'full', 'yyyy'].map((dateFormat) => post({ kind: 'student', studentId: 5, options: { dateFormat } }, bearer(student5))),
    );
    expect(burst.filter((r) => r.status === 202).length).toBeLessThanOrEqual(3); // never past the cap, however they interleave
    expect(burst.every((r) => r.status === 202 || r.status === 429)).toBe(true);
    expect((await fetch(`${base}/exports/jobs/${ids[0]}`, { method: 'DELETE', headers: bearer(student2) })).status).toBe(202);
    expect((await post(specs[3], bearer(student2))).status).toBe(202); // a cancelled job frees its place
  });

  it('answers 503 with only a code and a request id when Redis is down; the address goes to the log', async () => {
    const { createExportServer } = await import('../../examples/http/server.js');
    const { listen } = await import('./httpClient.js');
    const port = await freePort();
    const queue = new ExportQueue({ redisUrl: `redis://127.0.0.1:${port}`, connectTimeoutMs: 1_000, store: await createLocalStore(join(out.dir, 'down')) });
    const errors: { error: unknown; requestId: string }[] = [];
    const server = await listen(
      createExportServer(new AnalyticsService(db), {
        authenticate: auth.authenticate,
        links: auth,
        jobs: queue,
        onError: (error, requestId) => errors.push({ error, requestId }),
      }),
    );
    closers.push(server.stop, () => queue.close());
    const reply = await fetch(`${server.base}/exports/jobs`, {
      method: 'POST',
      headers: bearer(student2),
      body: JSON.stringify({ kind: 'student', studentId: 2 }),
    });
    expect(reply.status).toBe(503);
    const text = await reply.text();
    const body = JSON.parse(text) as { error: { code: string; requestId: string } };
    expect(body).toEqual({ error: { code: 'QUEUE_UNAVAILABLE', requestId: expect.any(String) } });
    expect(text).not.toContain(String(port));
    expect(reply.headers.get('x-request-id')).toBe(body.error.requestId);
    expect(errors).toEqual([
      { error: expect.objectContaining({ code: 'QUEUE_UNAVAILABLE', message: expect.stringContaining(`127.0.0.1:${port}`) }), requestId: body.error.requestId },
    ]);
  });

  it("keys the cache by the principal's scope: the same spec for two principals is two jobs", async () => {
    // No worker yet: the jobs stay waiting, so the reuse below never races a job's end.
    const { post, base, dir } = await httpSetup('scope', false);
    const teacher: Principal = { id: 'teacher-1', role: 'teacher', teacherId: 1 };
    const spec = { kind: 'report', report: 'teacher-weekly' };
    const mine = (await (await post(spec, bearer(teacher))).json()) as { jobId: string; statusUrl: string };
    const admins = (await (await post(spec, bearer(ADMIN))).json()) as { jobId: string; statusUrl: string };
    expect(admins.jobId).not.toBe(mine.jobId);
    const again = (await (await post(spec, bearer(teacher))).json()) as { jobId: string };
    expect(again.jobId).toBe(mine.jobId); // the same principal reuses their own
    const worker = await startExportWorker({
      redisUrl: redis.url,
      queueName: 'scope',
      store: await createLocalStore(dir),
      service: new AnalyticsService(db),
      cancelPollMs: 50,
    });
    closers.push(() => worker.close());
    const teacherFile = await completed(base, mine.statusUrl, teacher);
    const adminFile = await completed(base, admins.statusUrl, ADMIN);
    const rows = async (url: string) => parse(await (await fetch(`${base}${url}`)).text(), { bom: true, columns: true }) as Record<string, string>[];
    const teacherName = db.school.teachers.find((t) => t.id === 1)?.name;
    const teacherRows = await rows(teacherFile.downloadUrl as string);
    expect(teacherRows.length).toBeGreaterThan(0);
    expect(new Set(teacherRows.map((r) => r.Teacher))).toEqual(new Set([teacherName]));
    expect(new Set((await rows(adminFile.downloadUrl as string)).map((r) => r.Teacher)).size).toBeGreaterThan(1);
  });
});
