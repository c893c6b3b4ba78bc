import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { AnalyticsService } from '../analytics/service.js';
import { runSpec } from '../analytics/spec.js';
import { DAY_MS, type ExportJobData, type ExportJobResult, cacheKey, cancelKey, connectOrThrow, createRedis, failureId, runningKey } from './exportQueue.js';
import type { ExportStore } from './exportStore.js';
import { isTransient } from './transient.js';

export interface ExportWorkerOptions {
  /** `redis[s]://[user:password@]host:port[/db]`, handed to ioredis as is. */
  readonly redisUrl: string;
  readonly service: AnalyticsService;
  /** Where finished exports go: `createLocalStore(dir)` on one machine, `createS3Store(...)` on many. */
  readonly store: ExportStore;
  /** @default 'exports' */
  readonly queueName?: string;
  /** Jobs run at once by this worker. @default 1 */
  readonly concurrency?: number;
  /** How long a finished export is kept; older objects are deleted from the store. @default 24 hours */
  readonly cacheTtlMs?: number;
  /** How often to delete expired objects from the store. @default 1 hour */
  readonly sweepIntervalMs?: number;
  /** A job whose worker stops renewing its lock for this long (the process died) goes back to the queue. @default 30000 */
  readonly lockDuration?: number;
  /** How often to look for such stalled jobs. @default 30000 */
  readonly stalledInterval?: number;
  /** How often a running job checks whether it was cancelled. @default 250 */
  readonly cancelPollMs?: number;
  /** How long to wait for Redis at start before giving up. @default 10000 */
  readonly connectTimeoutMs?: number;
  /**
   * A job whose export makes no progress for this long is stopped and tried again later: a database
   * (or store) that stopped answering without closing its connection would hold it, active, forever.
   * rowport reports progress every 64 rows, so leave room for the slowest first row and the slowest
   * 64 rows a spec's query may take. @default 120000
   */
  readonly stallTimeoutMs?: number;
  /** Called when a job starts, with the worker's name: for logs. */
  readonly onJob?: (job: Job) => void;
  /**
   * Where a failed attempt's error goes (paths, hosts, stack: never shown to a job's owner), under
   * the id its status shows as `requestId`. @default one line on stderr
   */
  readonly onError?: (error: unknown, requestId: string) => void;
}

/**
 * Starts a BullMQ worker that runs export specs into an {@link ExportStore}:
 * - each job runs in the scope `authorize` gave it when it was queued;
 * - progress goes to `job.updateProgress({ rows, total, percent })`;
 * - only a failure that can succeed on retry (`isTransient`: the database, Redis or the object
 *   store unreachable or lost) is retried, with exponential backoff; anything else (bad data, a
 *   bad spec, an SQL error, a statement timeout, missing configuration) is an `UnrecoverableError`:
 *   no retry, the job fails with the code, if any, in its reason;
 * - cancelling aborts the export through its AbortSignal, and the store keeps nothing;
 * - objects older than `cacheTtlMs` are deleted from the store every `sweepIntervalMs`.
 * @throws {QueueUnavailableError} when Redis cannot be reached.
 */
export async function startExportWorker(options: ExportWorkerOptions): Promise<{ worker: Worker; close: () => Promise<void> }> {
  const {
    redisUrl,
    service,
    store,
    queueName = 'exports',
    concurrency = 1,
    cacheTtlMs = DAY_MS,
    sweepIntervalMs = 3_600_000,
    lockDuration = 30_000,
    stalledInterval = 30_000,
    cancelPollMs = 250,
    connectTimeoutMs = 10_000,
    stallTimeoutMs = 120_000,
    onJob,
    onError = logFailure,
  } = options;
  // The example's own commands (cancel flags, cache entries): fails fast, but once started keeps
  // reconnecting as long as the worker runs, like BullMQ's own connections.
  const redis = createRedis(redisUrl, { connectTimeoutMs, reconnectAttempts: Number.POSITIVE_INFINITY });
  await connectOrThrow(redis, connectTimeoutMs);

  const processor = async (job: Job<ExportJobData, ExportJobResult>, _token?: string, signal?: AbortSignal): Promise<ExportJobResult> => {
    onJob?.(job);
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const poll = setInterval(() => {
      redis.exists(cancelKey(queueName, job.id as string)).then(
        (found) => found === 1 && controller.abort(new Error('Export cancelled')),
        () => undefined,
      );
    }, cancelPollMs);
    let progress: Promise<unknown> = Promise.resolve();
    let rows = 0;
    const watch = new StallWatch(controller, stallTimeoutMs);
    try {
      const { spec, scope } = job.data;
      const result = await runSpec(
        service,
        spec,
        {
          signal: controller.signal,
          onProgress: (p) => {
            rows = p.rows; // rowport always makes a final call with the whole count
            watch.progressed(p.rows);
            progress = progress.then(() => job.updateProgress({ rows: p.rows, total: p.total, percent: p.percent })).catch(() => undefined);
          },
        },
        scope,
      );
      result.stream.once('end', () => watch.stop()); // every row read: the upload's own timeouts take over
      const key = storeKey(job.id as string, result.fileName);
      const { bytes } = await store.put(key, result.stream, { signal: controller.signal, fileName: result.fileName, contentType: result.contentType });
      if ((await job.getState()) === 'unknown') {
        // Redis lost the job (restarted without persistence): nobody can ask for this object, so it goes.
        await store.delete(key);
        throw new UnrecoverableError('The queue lost this job (Redis restarted without persistence)');
      }
      await progress;
      // The last word on progress, whatever order the throttled updates landed in.
      await job.updateProgress({ rows, total: result.total ?? rows, percent: 100 });
      return { fileName: result.fileName, contentType: result.contentType, key, rows, bytes };
    } catch (error) {
      if (watch.stalled)
        throw new Error(`The export made no progress for ${stallTimeoutMs} ms (the database or the store stopped answering); it will be tried again`);
      if (controller.signal.aborted) throw new UnrecoverableError('Export cancelled');
      if (isTransient(error)) throw error; // a service unreachable or lost: BullMQ retries with backoff
      throw new UnrecoverableError(reason(error)); // it would fail the same way again: no retry
    } finally {
      watch.stop();
      clearInterval(poll);
      signal?.removeEventListener('abort', onAbort);
      await redis.del(cancelKey(queueName, job.id as string)).catch(() => undefined);
    }
  };

  // BullMQ's own connections come from this ioredis client (it duplicates it for the blocking
  // one), with `maxRetriesPerRequest: null` as BullMQ requires for workers, reconnecting forever.
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const worker = new Worker<ExportJobData, ExportJobResult>(queueName, processor, {
    connection,
    concurrency,
    lockDuration,
    stalledInterval,
    maxStalledCount: 1,
  });
  worker.on('error', () => undefined); // connection drops: BullMQ reconnects; never crash the process
  // The lock expired (Redis was away longer than lockDuration) and the job may already run elsewhere:
  // stop this run, whose result BullMQ could not record anyway, instead of exporting it twice.
  worker.on('lockRenewalFailed', (jobIds) => {
    for (const jobId of jobIds) worker.cancelJob(jobId, 'Lost the job lock');
  });
  worker.on('completed', (job) => void redis.zrem(runningKey(queueName, job.data.owner), job.id as string).catch(() => undefined));
  worker.on('failed', (job, error) => {
    if (!job) return;
    onError(error, failureId(job.id as string, job.attemptsMade));
    // Failed for good (no retry left): forget its cache entry, so asking again runs it again.
    if (job.attemptsMade >= (job.opts.attempts ?? 1) || job.finishedOn !== undefined) {
      void redis.zrem(runningKey(queueName, job.data.owner), job.id as string).catch(() => undefined);
      void redis.eval(DEL_IF_EQUAL, 1, cacheKey(queueName, job.data.hash), job.id as string).catch(() => undefined);
    }
  });
  const sweep = () => void store.sweep(cacheTtlMs).catch(() => undefined);
  sweep();
  const sweeper = setInterval(sweep, sweepIntervalMs);
  sweeper.unref();
  return {
    worker,
    async close() {
      clearInterval(sweeper);
      await worker.close();
      await connection.quit().catch(() => connection.disconnect());
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

// --- internal ---

/**
 * Aborts an export's controller when its progress (`progressed`, which rowport reports every 64
 * rows) does not move for `ms`, from the start or since it last moved; `stalled` then says why.
 */
class StallWatch {
  stalled = false;
  #rows = -1;
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly controller: AbortController,
    private readonly ms: number,
  ) {
    this.#arm();
  }

  /** The export has read `rows` rows so far. */
  progressed(rows: number): void {
    if (rows <= this.#rows || this.#stopped) return;
    this.#rows = rows;
    this.#arm();
  }

  /** No more watching: the rows are all read, or the run is over. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #arm(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.stalled = true;
      this.controller.abort(new Error(`No progress for ${this.ms} ms`));
    }, this.ms);
    this.#timer.unref();
  }
}

const logFailure = (error: unknown, requestId: string) => console.error(`[rowport-export] job ${requestId} failed:`, error);

/**
 * The job's key in the store: its id and the file's extension (`<jobId>.csv`, `<jobId>.csv.gz`),
 * never the file name (it holds the time of the run). A job that runs again, after a worker died
 * or Redis lost its lock, overwrites its own object instead of adding a second one.
 */
export function storeKey(jobId: string, fileName: string): string {
  return `${jobId}${/(\.[a-z0-9]+)+$/i.exec(fileName)?.[0] ?? ''}`;
}

/** A failed job's reason: `CODE: message` for a coded error, else the message. */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
}

/** Deletes KEYS[1] only while it still names this job (a newer job may have taken the entry). */
const DEL_IF_EQUAL = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
