import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { type ExportSpec, specHash } from './spec.js';

/** Redis cannot be reached: a clear error instead of a client retrying forever. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
  readonly code = 'QUEUE_UNAVAILABLE';
}

export interface ExportQueueOptions {
  /** `redis://host:port`. */
  readonly redisUrl: string;
  /** @default 'exports' */
  readonly queueName?: string;
  /** How long a finished export is reused for the same spec. @default 24 hours */
  readonly cacheTtlMs?: number;
  /** Attempts for transient failures (a lost database connection). @default 3 */
  readonly attempts?: number;
  /** First retry delay; doubles each time. @default 1000 */
  readonly backoffMs?: number;
  /** Where finished files are downloaded from; the job id is appended. @default '/exports/jobs' */
  readonly downloadBase?: string;
  /** How long to wait for Redis (connecting, then answering PING) before giving up. @default 5000 */
  readonly connectTimeoutMs?: number;
}

/** What the worker stores as the job's result. */
export interface ExportJobResult {
  readonly fileName: string;
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

/** What {@link ExportQueue.getExportStatus} answers, for polling. */
export interface ExportStatus {
  readonly jobId: string;
  /** BullMQ's state (`waiting`, `active`, `delayed`, `completed`, `failed`), or `unknown`. */
  readonly state: string;
  readonly progress: { rows: number; total?: number; percent?: number } | undefined;
  readonly total: number | undefined;
  readonly attemptsMade: number;
  readonly fileName?: string;
  readonly downloadUrl?: string;
  readonly error?: string;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
const IN_FLIGHT = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** The producer side: enqueue exports, poll them, cancel them, and manage the 24-hour cache. */
export class ExportQueue {
  readonly queueName: string;
  readonly #options: Required<Omit<ExportQueueOptions, 'queueName'>>;
  /** One ioredis client: the example's own keys (cache, cancel flags) and, shared, the BullMQ queue. */
  #redis: Redis | undefined;
  #queue: Queue | undefined;

  constructor(options: ExportQueueOptions) {
    const { queueName = 'exports', cacheTtlMs = DAY_MS, attempts = 3, backoffMs = 1000, downloadBase = '/exports/jobs', connectTimeoutMs = 5000, redisUrl } = options;
    this.queueName = queueName;
    this.#options = { redisUrl, cacheTtlMs, attempts, backoffMs, downloadBase, connectTimeoutMs };
  }

  /**
   * Queues an export and returns its job id. The same spec (hash of query, parameters and options)
   * finished within the cache TTL returns that job's id without running again; a spec already
   * waiting or running returns the running job's id.
   * @throws {QueueUnavailableError} when Redis cannot be reached.
   */
  async enqueueExport(spec: ExportSpec): Promise<string> {
    const { queue, redis } = await this.#connect();
    const hash = specHash(spec);
    const cached = await readCache(redis, cacheKey(this.queueName, hash));
    if (cached && existsSync(cached.path)) return cached.jobId;
    const jobId = `export-${hash.slice(0, 40)}`;
    const existing = await queue.getJob(jobId);
    if (existing) {
      if (IN_FLIGHT.has(await existing.getState())) return jobId;
      await existing.remove(); // finished long ago, failed or cancelled: run it again
    }
    await queue.add('export', { spec, hash }, {
      jobId,
      attempts: this.#options.attempts,
      backoff: { type: 'exponential', delay: this.#options.backoffMs },
      removeOnComplete: { age: Math.ceil(this.#options.cacheTtlMs / 1000) },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    return jobId;
  }

  /** The job's state, progress and, once done, its file name and download URL (or its error). */
  async getExportStatus(jobId: string): Promise<ExportStatus> {
    const { queue } = await this.#connect();
    let job = await queue.getJob(jobId);
    if (!job) return { jobId, state: 'unknown', progress: undefined, total: undefined, attemptsMade: 0 };
    const state = await job.getState();
    // The job may have finished between the two reads: read it again so the result matches the state.
    if (state === 'completed' || state === 'failed') job = (await queue.getJob(jobId)) ?? job;
    const progress = typeof job.progress === 'object' && job.progress !== null ? (job.progress as ExportStatus['progress']) : undefined;
    const result = job.returnvalue as ExportJobResult | null | undefined;
    return {
      jobId,
      state,
      progress,
      total: progress?.total,
      attemptsMade: job.attemptsMade,
      ...(state === 'completed' && result ? { fileName: result.fileName, downloadUrl: `${this.#options.downloadBase}/${encodeURIComponent(jobId)}/download` } : {}),
      ...(state === 'failed' && job.failedReason ? { error: job.failedReason } : {}),
    };
  }

  /** The finished file of a job, for a download handler. */
  async getExportFile(jobId: string): Promise<ExportJobResult | undefined> {
    const { queue } = await this.#connect();
    const job = await queue.getJob(jobId);
    if (!job || (await job.getState()) !== 'completed') return undefined;
    const result = job.returnvalue as ExportJobResult | null;
    return result && existsSync(result.path) ? result : undefined;
  }

  /**
   * Cancels a job: a waiting one is removed; a running one is told to stop (its worker aborts the
   * export through its AbortSignal, and `exportToFile` leaves no file). True if there was a job to cancel.
   */
  async cancelExport(jobId: string): Promise<boolean> {
    const { queue, redis } = await this.#connect();
    const job = await queue.getJob(jobId);
    if (!job) return false;
    const state = await job.getState();
    if (state === 'active') {
      await redis.set(cancelKey(this.queueName, jobId), '1', 'PX', 3_600_000);
      return true;
    }
    if (IN_FLIGHT.has(state)) {
      await job.remove();
      return true;
    }
    return false;
  }

  /** Drops the cache entry of one spec, or every entry, and deletes their files. Returns how many. */
  async clearExportCache(spec?: ExportSpec): Promise<number> {
    const { redis } = await this.#connect();
    const keys: string[] = [];
    if (spec) keys.push(cacheKey(this.queueName, specHash(spec)));
    else {
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', cacheKey(this.queueName, '*'), 'COUNT', 200);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
    }
    let dropped = 0;
    for (const key of keys) {
      const entry = await readCache(redis, key);
      if (!entry) continue;
      await rm(entry.path, { force: true });
      dropped += await redis.del(key);
    }
    return dropped;
  }

  async close(): Promise<void> {
    await this.#queue?.close(); // the queue shares #redis and leaves it open
    const redis = this.#redis;
    if (redis?.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis?.disconnect();
  }

  /**
   * Connects (or reconnects after an outage) and PINGs, both within `connectTimeoutMs`, so an
   * unreachable Redis is a {@link QueueUnavailableError}, not an endless retry or a hung call.
   */
  async #connect(): Promise<{ queue: Queue; redis: Redis }> {
    if (this.#redis?.status === 'end') this.#drop(); // it gave up reconnecting: start afresh
    const redis = (this.#redis ??= createRedis(this.#options.redisUrl, { connectTimeoutMs: this.#options.connectTimeoutMs }));
    try {
      await connectOrThrow(redis, this.#options.redisUrl, this.#options.connectTimeoutMs);
    } catch (error) {
      this.#drop();
      throw error;
    }
    if (!this.#queue) {
      // BullMQ takes the ioredis instance as is (and does not close it). A Queue needs no
      // `maxRetriesPerRequest: null` (only blocking Worker connections do), and with
      // `enableOfflineQueue: false` its calls fail at once while Redis is down.
      this.#queue = new Queue(this.queueName, { connection: redis });
      this.#queue.on('error', () => undefined); // connection drops surface as failed calls, never as a crash
    }
    return { queue: this.#queue, redis };
  }

  /** Forgets the client and its queue, so the next call connects anew. */
  #drop(): void {
    const queue = this.#queue;
    this.#queue = undefined;
    this.#redis?.disconnect();
    this.#redis = undefined;
    void queue?.close().catch(() => undefined);
  }
}

// --- internal (shared with the worker) ---

export const cacheKey = (queue: string, hash: string) => `rowport:${queue}:cache:${hash}`;
export const cancelKey = (queue: string, jobId: string) => `rowport:${queue}:cancel:${jobId}`;

export async function readCache(redis: Redis, key: string): Promise<{ jobId: string; path: string } | undefined> {
  const text = await redis.get(key);
  return text ? (JSON.parse(text) as { jobId: string; path: string }) : undefined;
}

/** ioredis connection options (`host`, `port`, credentials, `db`, TLS) from `redis[s]://[user:password@]host:port[/db]`. */
export function redisOptions(redisUrl: string): Pick<RedisOptions, 'host' | 'port' | 'username' | 'password' | 'db' | 'tls'> {
  const url = new URL(redisUrl);
  const db = Number(url.pathname.slice(1) || 0);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * An ioredis client for the example's own commands that fails fast instead of waiting for Redis:
 * it connects only when asked ({@link connectOrThrow}), gives up a connection attempt after
 * `connectTimeoutMs`, rejects commands at once while disconnected (`enableOfflineQueue: false`)
 * instead of queueing them, retries a command once after a reconnect, and stops reconnecting after
 * `reconnectAttempts` (then {@link ExportQueue} starts a new client on its next call). Its 'error' events are handled, so
 * a lost connection never crashes the process: failures show as rejected calls.
 */
export function createRedis(redisUrl: string, { connectTimeoutMs, reconnectAttempts = 10 }: { connectTimeoutMs: number; reconnectAttempts?: number }): Redis {
  const redis = new Redis({
    ...redisOptions(redisUrl),
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => (times > reconnectAttempts ? null : Math.min(times * 200, 2_000)),
  });
  redis.on('error', () => undefined);
  return redis;
}

/**
 * Connects the client if it is not connected (waiting for a reconnect under way), then PINGs it,
 * all within `timeoutMs`; or stops the client and throws {@link QueueUnavailableError} naming the address.
 */
export async function connectOrThrow(redis: Redis, redisUrl: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let lastError: Error | undefined;
  const onError = (error: Error) => (lastError = error);
  redis.on('error', onError);
  try {
    await Promise.race([
      whenReady(redis).then(() => redis.ping()),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs))),
    ]);
  } catch (error) {
    redis.disconnect(); // no reconnecting in the background; the next call starts over
    const cause = (lastError ?? error) as Error & { code?: string };
    const { host, port } = redisOptions(redisUrl);
    throw new QueueUnavailableError(`Redis is unreachable at ${host}:${port}: ${cause.message || cause.code}`, { cause });
  } finally {
    clearTimeout(timer);
    redis.off('error', onError);
  }
}

/** Resolves once the client is ready: connects a new (lazy) client, or waits for a reconnect under way. */
function whenReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  if (redis.status === 'wait') return redis.connect();
  if (redis.status === 'end') return Promise.reject(new Error('Connection is closed.'));
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      redis.off('ready', onReady);
      redis.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => done();
    const onEnd = () => done(new Error('Connection is closed.'));
    redis.once('ready', onReady);
    redis.once('end', onEnd);
  });
}
