import { type ChildProcess, fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { type ExportSpec, runSpec } from '../../examples/analytics/spec.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { type RedisServer, type S3Server, haveRedis, startRedis, startS3 } from './services.js';
import { onLines, readAll, tempDir } from './support.js';

/**
 * The proof of scale-out: an HTTP server and two workers, each its own process with its own empty
 * temp folder as working directory and TMPDIR, sharing nothing but Redis and an S3 bucket (s3rver).
 */
const enabled = haveRedis();
const SCALE = 0.05;
const WORKER = fileURLToPath(new URL('./fixtures/queueWorker.ts', import.meta.url));
const SERVER = fileURLToPath(new URL('./fixtures/queueServer.ts', import.meta.url));
// Absolute, because each process runs in its own empty folder, where a bare 'tsx' would not resolve.
const TSX = pathToFileURL(join(createRequire(import.meta.url).resolve('tsx/package.json'), '..', 'dist', 'loader.mjs')).href;
// And the repository's tsconfig (its `paths` map 'rowport' to src/, as for the other example tests), which tsx looks for in the working directory.
const TSCONFIG = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
const SECRET = randomBytes(32).toString('hex');
const auth = createTokenAuth({ secret: SECRET });
const ADMIN: Principal = { id: 'admin', role: 'admin' };
const student = (id: number): Principal => ({ id: `student-${id}`, role: 'student', studentId: id });
const bearer = (principal: Principal) => ({ authorization: `Bearer ${auth.issue(principal)}` });

let redis: RedisServer;
let s3: S3Server;
let db: Awaited<ReturnType<typeof createSampleDatabase>>;
const stops: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  if (!enabled) return;
  [redis, s3, db] = await Promise.all([startRedis(), startS3(), createSampleDatabase({ scale: SCALE })]);
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await db?.close();
  await s3?.stop();
  await redis?.stop();
});

interface Proc {
  child: ChildProcess;
  dir: string;
  lines: string[];
  stats: () => Promise<{ rss: number; peakRss: number }>;
}

/** Starts a fixture in its own process and empty folder; resolves at its first line matching `ready`. */
async function start(script: string, env: Record<string, string>, ready: RegExp): Promise<Proc & { match: RegExpExecArray }> {
  const { dir, remove } = await tempDir('rowport-machine-');
  const child = fork(script, [], {
    cwd: dir,
    execArgv: ['--import', TSX],
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: TSCONFIG,
      TMPDIR: dir,
      REDIS_URL: redis.url,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      SCALE: String(SCALE),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const lines: string[] = [];
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    onLines(child.stdout, (line) => {
      lines.push(line);
      const found = ready.exec(line);
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await remove();
  };
  stops.push(stop);
  const stats = () =>
    new Promise<{ rss: number; peakRss: number }>((resolve) => {
      child.once('message', (m) => resolve(m as { rss: number; peakRss: number }));
      child.send('stats');
    });
  return { child, dir, lines, stats, match };
}

const jobsRun = (proc: Proc) => proc.lines.filter((l) => l.startsWith('job ')).map((l) => l.split(' ')[1] as string);

async function objectKeys(): Promise<string[]> {
  const page = await s3.client().send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  return (page.Contents ?? []).map((o) => o.Key as string);
}

/** What a process left in its folder, but for tsx's compile cache (`tsx-<uid>`, from the TypeScript loader, not the app). */
async function ownFiles(proc: Proc): Promise<string[]> {
  return (await readdir(proc.dir)).filter((name) => !/^tsx-\d+$/.test(name));
}

/** What the same spec gives when exported directly, in this process. */
async function direct(spec: ExportSpec): Promise<Buffer> {
  return readAll((await runSpec(new AnalyticsService(db), spec, {})).stream);
}

describe.runIf(enabled)('examples/queue scaled out: server and two workers in separate processes, sharing only Redis and S3', () => {
  it('runs a job queued through the server on either worker; the signed link downloads it; a worker killed mid-export leaves no object and the other finishes', async () => {
    const queue = 'scale';
    const server = await start(SERVER, { QUEUE: queue, TOKEN_SECRET: SECRET }, /listening on (http:\/\/[\d.:]+)/);
    const base = server.match[1] as string;
    const a = await start(WORKER, { QUEUE: queue, SLOW_MS: '20', LOCK_MS: '1500' }, /^ready/);
    const b = await start(WORKER, { QUEUE: queue, SLOW_MS: '20', LOCK_MS: '1500' }, /^ready/);
    const post = async (spec: ExportSpec, principal: Principal) => {
      const reply = await fetch(`${base}/exports/jobs`, { method: 'POST', headers: bearer(principal), body: JSON.stringify(spec) });
      expect(reply.status).toBe(202);
      return ((await reply.json()) as { jobId: string }).jobId;
    };
    const completed = (jobId: string, principal: Principal) =>
      vi.waitFor(
        async () => {
          const body = (await (await fetch(`${base}/exports/jobs/${jobId}`, { headers: bearer(principal) })).json()) as {
            state: string;
            downloadUrl?: string;
            error?: string;
          };
          if (body.state !== 'completed') throw new Error(`${body.state} ${body.error ?? ''}`);
          return body;
        },
        { timeout: 60_000, interval: 100 },
      );

    // 1. A job through the server, run by whichever worker takes it, downloaded through the signed link (a redirect to a presigned GET).
    const spec: ExportSpec = { kind: 'student', studentId: 4, options: { format: 'xlsx' } };
    const jobId = await post(spec, student(4));
    const { downloadUrl } = await completed(jobId, student(4));
    expect([...jobsRun(a), ...jobsRun(b)]).toEqual([jobId]);
    const file = await fetch(`${base}${downloadUrl}`, { redirect: 'manual' });
    expect(file.status).toBe(302);
    const location = file.headers.get('location') as string;
    expect(location.startsWith(s3.endpoint)).toBe(true);
    const bytes = Buffer.from(await (await fetch(location)).arrayBuffer());
    expect(bytes.equals(await direct(spec))).toBe(true);

    // 2. Kill the worker running a slow export mid-way: the other one finishes it, and only the whole object exists.
    const slow: ExportSpec = { kind: 'query', sql: 'SELECT * FROM metrics ORDER BY id /*slow*/', options: { name: 'slow metrics' } };
    const slowId = await post(slow, ADMIN);
    await vi.waitFor(
      async () => {
        const body = (await (await fetch(`${base}/exports/jobs/${slowId}`, { headers: bearer(ADMIN) })).json()) as { progress?: { rows: number } };
        expect(body.progress?.rows).toBeGreaterThan(0);
      },
      { timeout: 30_000, interval: 50 },
    );
    const [victim, survivor] = jobsRun(a).includes(slowId) ? [a, b] : [b, a];
    expect(jobsRun(victim)).toContain(slowId);
    victim.child.kill('SIGKILL');
    await new Promise((resolve) => victim.child.once('exit', resolve));
    expect((await objectKeys()).filter((k) => k.includes(slowId))).toEqual([]); // nothing half-written is an object
    const done = await completed(slowId, ADMIN);
    expect(jobsRun(survivor)).toContain(slowId);
    const csv = Buffer.from(await (await fetch(`${base}${done.downloadUrl}`)).arrayBuffer());
    expect(parse(csv.toString('utf8'), { bom: true })).toHaveLength(db.school.metrics.length + 1);
    expect(csv.equals(await direct(slow))).toBe(true);
    expect((await objectKeys()).filter((k) => k.includes(slowId))).toHaveLength(1);

    // No process wrote anything to its own folder: the bucket is the only storage.
    for (const proc of [server, a, b]) expect(await ownFiles(proc)).toEqual([]);
  }, 120_000);

  it('serves 20 users × 2 concurrent jobs over S3: every file whole and byte-identical to a direct export, each user seeing only their own', async () => {
    const queue = 'load';
    const server = await start(SERVER, { QUEUE: queue, TOKEN_SECRET: SECRET }, /listening on (http:\/\/[\d.:]+)/);
    const base = server.match[1] as string;
    const workers = await Promise.all([start(WORKER, { QUEUE: queue }, /^ready/), start(WORKER, { QUEUE: queue }, /^ready/)]);
    const users = Array.from({ length: 20 }, (_, i) => student(i + 1));
    const specsOf = (user: Principal): ExportSpec[] => [
      { kind: 'student', studentId: user.studentId as number, options: { columns: ['date', 'student_id', 'class_name', 'quiz_score', 'attended'] } },
      { kind: 'student', studentId: user.studentId as number, options: { format: 'xlsx' } },
    ];
    const idle = await Promise.all([server, ...workers].map((p) => p.stats()));
    const results = await Promise.all(
      users.flatMap((user) =>
        specsOf(user).map(async (spec) => {
          const posted = await fetch(`${base}/exports/jobs`, { method: 'POST', headers: bearer(user), body: JSON.stringify(spec) });
          expect(posted.status).toBe(202);
          const { jobId } = (await posted.json()) as { jobId: string };
          const status = await vi.waitFor(
            async () => {
              const body = (await (await fetch(`${base}/exports/jobs/${jobId}`, { headers: bearer(user) })).json()) as { state: string; downloadUrl?: string };
              if (body.state !== 'completed') throw new Error(body.state);
              return body;
            },
            { timeout: 90_000, interval: 100 },
          );
          const bytes = Buffer.from(await (await fetch(`${base}${status.downloadUrl}`)).arrayBuffer());
          return { user, spec, jobId, bytes };
        }),
      ),
    );
    const after = await Promise.all([server, ...workers].map((p) => p.stats()));
    expect(new Set(results.map((r) => r.jobId)).size).toBe(40);
    for (const { user, spec, jobId, bytes } of results) {
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(
        createHash('sha256')
          .update(await direct(spec))
          .digest('hex'),
      );
      if (spec.options?.format !== 'xlsx') {
        const rows = parse(bytes.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
        expect(rows.length).toBe(db.school.metrics.filter((m) => m.student_id === user.studentId).length);
        expect(new Set(rows.map((r) => r['Student ID']))).toEqual(new Set([String(user.studentId)]));
      }
      // Nobody else sees it: another user's token gets 404 for its status and its download.
      const other = users[(users.indexOf(user) + 1) % users.length] as Principal;
      expect((await fetch(`${base}/exports/jobs/${jobId}`, { headers: bearer(other) })).status).toBe(404);
      expect((await fetch(`${base}/exports/jobs/${jobId}/download`, { headers: bearer(other) })).status).toBe(404);
    }
    expect(jobsRun(workers[0] as Proc).length + jobsRun(workers[1] as Proc).length).toBe(40);
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    console.log(
      `[scale-out] 40 jobs: worker A ran ${jobsRun(workers[0] as Proc).length}, B ${jobsRun(workers[1] as Proc).length}; peak RSS server ${mb(after[0]?.peakRss ?? 0)}, workers ${mb(after[1]?.peakRss ?? 0)} / ${mb(after[2]?.peakRss ?? 0)}`,
    );
    // The bound of the HTTP load test: no process near 400 MB, and none grew by as much as it served.
    const served = results.reduce((sum, r) => sum + r.bytes.length, 0);
    after.forEach((stats, i) => {
      expect(stats.peakRss).toBeLessThan(400 * 1024 * 1024);
      expect(stats.peakRss - (idle[i]?.rss ?? 0)).toBeLessThan(Math.max(served, 120 * 1024 * 1024));
    });
    for (const proc of [server, ...workers]) expect(await ownFiles(proc)).toEqual([]);
  }, 180_000);
});
