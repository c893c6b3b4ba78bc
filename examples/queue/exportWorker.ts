import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { exportToFile, isRowportError } from 'rowport';
import { isAnalyticsError } from '../analytics/errors.js';
import type { AnalyticsService } from '../analytics/service.js';
import { DAY_MS, type ExportJobResult, cacheKey, cancelKey, connectOrThrow, createRedis, redisOptions } from './exportQueue.js';
import { type ExportSpec, runSpec } from './spec.js';

export interface ExportWorkerOptions {
  readonly redisUrl: string;
  readonly service: AnalyticsService;
  /** Finished files go here; each worker process stages its writes under `.staging/<pid>/`. */
  readonly exportsDir: string;
  /** @default 'exports' */
  readonly queueName?: string;
  /** Jobs run at once by this worker. @default 1 */
  readonly concurrency?: number;
  /** @default 24 hours */
  readonly cacheTtlMs?: number;
  /** A job whose worker stops renewing its lock for this long (the process died) goes back to the queue. @default 30000 */
  readonly lockDuration?: number;
  /** How often to look for such stalled jobs. @default 30000 */
  readonly stalledInterval?: number;
  /** How often a running job checks whether it was cancelled. @default 250 */
  readonly cancelPollMs?: number;
  /** How long to wait for Redis at start before giving up. @default 10000 */
  readonly connectTimeoutMs?: number;
  /** Called when a job starts, with the worker's name: for logs. */
  readonly onJob?: (job: Job) => void;
}

/**
 * Starts a BullMQ worker that runs export specs to files with rowport's `exportToFile`:
 * - progress goes to `job.updateProgress({ rows, total, percent })`;
 * - a transient failure (the database went away: `DbUnavailableError`, or rowport's
 *   `ROWPORT_SOURCE_FAILED` around a driver error) is thrown as is, so BullMQ retries it with
 *   exponential backoff; a data error (`RowportError`, `AnalyticsError`) is an `UnrecoverableError`:
 *   no retry, the job fails with the code in its reason;
 * - cancelling aborts the export through its AbortSignal; `exportToFile` removes its temp file;
 * - files are written under `.staging/<pid>/` and renamed into `exportsDir` only when whole, so a
 *   worker killed mid-export leaves no partial file there (the next worker on the host removes
 *   the staging folders of dead processes).
 * @throws {QueueUnavailableError} when Redis cannot be reached.
 */
export async function startExportWorker(options: ExportWorkerOptions): Promise<{ worker: Worker; close: () => Promise<void> }> {
  const { redisUrl, service, exportsDir, queueName = 'exports', concurrency = 1, cacheTtlMs = DAY_MS, lockDuration = 30_000, stalledInterval = 30_000, cancelPollMs = 250, connectTimeoutMs = 10_000, onJob } = options;
  // The example's own commands (cancel flags, cache entries): fails fast, but once started keeps
  // reconnecting as long as the worker runs, like BullMQ's own connections.
  const redis = createRedis(redisUrl, { connectTimeoutMs, reconnectAttempts: Number.POSITIVE_INFINITY });
  await connectOrThrow(redis, redisUrl, connectTimeoutMs);
  const staging = join(exportsDir, '.staging', String(process.pid));
  await sweepDeadStaging(join(exportsDir, '.staging'));
  await mkdir(staging, { recursive: true });

  const processor = async (job: Job<{ spec: ExportSpec; hash: string }>, _token?: string, signal?: AbortSignal): Promise<ExportJobResult> => {
    onJob?.(job);
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    const poll = setInterval(() => {
      redis.exists(cancelKey(queueName, job.id as string)).then(
        (found) => found === 1 && controller.abort(new Error('Export cancelled')),
        () => undefined,
      );
    }, cancelPollMs);
    let progress: Promise<unknown> = Promise.resolve();
    try {
      const result = await runSpec(service, job.data.spec, {
        signal: controller.signal,
        onProgress: ({ rows, total, percent }) => {
          progress = progress.then(() => job.updateProgress({ rows, total, percent })).catch(() => undefined);
        },
      });
      const name = `${job.id}_${result.fileName}`;
      const summary = await exportToFile(result.stream, join(staging, name), { signal: controller.signal });
      const path = join(exportsDir, name);
      await rename(summary.path, path); // same file system: atomic, and only whole files reach exportsDir
      await progress;
      // The last word on progress, whatever order the throttled updates landed in.
      await job.updateProgress({ rows: summary.rows, total: result.total ?? summary.rows, percent: 100 });
      const done: ExportJobResult = { fileName: result.fileName, path, rows: summary.rows, bytes: summary.bytes };
      await redis.set(cacheKey(queueName, job.data.hash), JSON.stringify({ jobId: job.id, path }), 'PX', cacheTtlMs);
      return done;
    } catch (error) {
      if (controller.signal.aborted) throw new UnrecoverableError('Export cancelled');
      if (isAnalyticsError(error)) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      if (isRowportError(error) && !(error.code === 'ROWPORT_SOURCE_FAILED' && !isRowportError(error.cause))) {
        throw new UnrecoverableError(`${error.code}: ${error.message}`); // bad data: retrying cannot help
      }
      throw error; // transient (database unreachable or lost): BullMQ retries with backoff
    } finally {
      clearInterval(poll);
      await redis.del(cancelKey(queueName, job.id as string)).catch(() => undefined);
    }
  };

  const worker = new Worker(queueName, processor, {
    // BullMQ opens its own ioredis connections from these options, with `maxRetriesPerRequest: null`
    // (required for the blocking connection) and reconnecting forever.
    connection: { ...redisOptions(redisUrl), maxRetriesPerRequest: null },
    concurrency,
    lockDuration,
    stalledInterval,
    maxStalledCount: 1,
  });
  worker.on('error', () => undefined); // connection drops: BullMQ reconnects; never crash the process
  return {
    worker,
    async close() {
      await worker.close();
      await redis.quit().catch(() => redis.disconnect());
      await rm(staging, { recursive: true, force: true });
    },
  };
}

// --- internal ---

/** Removes `.staging/<pid>` folders whose process is gone (killed mid-export). Same host only. */
async function sweepDeadStaging(root: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    await rm(join(root, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
