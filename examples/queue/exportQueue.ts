import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type Principal, scopeKey } from '../analytics/access.js';
import { AnalyticsError, AnalyticsErrorCode } from '../analytics/errors.js';
import { type ExportScope, type ExportSpec, specHash } from '../analytics/spec.js';
import type { ExportStore } from './exportStore.js';

/** Redis cannot be reached: a clear error instead of a client retrying forever. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
  readonly code = 'QUEUE_UNAVAILABLE';
}

export interface ExportQueueOptions {
  /** `redis[s]://[user:password@]host:port[/db]`, handed to ioredis as is. */
  readonly redisUrl: string;
  /** Where finished exports are (the same store the workers write to). */
  readonly store: ExportStore;
  /** @default 'exports' */
  readonly queueName?: string;
  /** How long a finished export is reused for the same principal and spec. @default 24 hours */
  readonly cacheTtlMs?: number;
  /** Attempts for transient failures (a lost database connection). @default 3 */
  readonly attempts?: number;
  /** First retry delay; doubles each time. @default 1000 */
  readonly backoffMs?: number;
  /** Exports one principal may have waiting or running at once; more is `ANALYTICS_TOO_MANY_EXPORTS` (429). @default 3 */
  readonly maxRunningPerPrincipal?: number;
  /** How long to wait for Redis (connecting, then answering PING) before giving up. @default 5000 */
  readonly connectTimeoutMs?: number;
}

/** What the queue carries for one job. */
export interface ExportJobData {
  readonly spec: ExportSpec;
  /** `specHash(spec, scopeKey(owner))`: the cache entry. */
  readonly hash: string;
  /** The principal's id: only they (and admins) may see, download or cancel the job. */
  readonly owner: string;
  /** What `authorize` allowed, applied by the worker. */
  readonly scope: ExportScope;
}

/** What the worker stores as the job's result. */
export interface ExportJobResult {
  readonly fileName: string;
  readonly contentType: string;
  /** The object's key in the {@link ExportStore}. */
  readonly key: string;
  readonly rows: number;
  readonly bytes: number;
}

/** What {@link ExportQueue.getExportStatus} answers, for polling. */
export interface ExportStatus {
  readonly jobId: string;
  /** BullMQ's state (`waiting`, `active`, `delayed`, `completed`, `failed`), or `unknown` (no such job, or not yours). */
  readonly state: string;
  readonly progress: { rows: number; total?: number; percent?: number } | undefined;
  readonly total: number | undefined;
  readonly attemptsMade: number;
  readonly fileName?: string;
  /**
   * Why a failed job failed. Its owner sees only a code (`ROWPORT_UNMAPPABLE_CHARACTER`,
   * `ANALYTICS_UNKNOWN_STUDENT`, `EXPORT_CANCELLED`, else `EXPORT_FAILED`); an admin sees the whole
   * reason. The details (paths, hosts, stack) are in the worker's log under `requestId`.
   */
  readonly error?: string;
  /** The failure's id in the worker's log (`onError`), for a failed job. */
  readonly requestId?: string;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
const IN_FLIGHT = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
/** Seconds a 429 asks the client to wait before trying again. */
const RETRY_AFTER_S = 5;
/** How long a claimed place without a job yet counts as running (the request adding it is under way). */
const PENDING_MS = 60_000;

/**
 * The producer side: enqueue exports, poll them, cancel them, and manage the 24-hour cache. Every
 * call names the principal: job ids are random (`crypto.randomUUID`), and a job that is not the
 * principal's (unless they are an admin) is answered exactly like one that does not exist.
 */
export class ExportQueue {
  readonly queueName: string;
  readonly store: ExportStore;
  readonly #options: Required<Omit<ExportQueueOptions, 'queueName' | 'store'>>;
  /** One ioredis client: the example's own keys (cache, cancel flags) and, shared, the BullMQ queue. */
  #redis: Redis | undefined;
  #queue: Queue<ExportJobData, ExportJobResult> | undefined;

  constructor(options: ExportQueueOptions) {
    const {
      queueName = 'exports',
      cacheTtlMs = DAY_MS,
      attempts = 3,
      backoffMs = 1000,
      maxRunningPerPrincipal = 3,
      connectTimeoutMs = 5000,
      redisUrl,
      store,
    } = options;
    this.queueName = queueName;
    this.store = store;
    this.#options = { redisUrl, cacheTtlMs, attempts, backoffMs, maxRunningPerPrincipal, connectTimeoutMs };
  }

  /**
   * Queues an export for `owner` and returns its job id. The same principal asking for the same
   * spec within the cache TTL gets the finished (or still running) job back without a new run; the
   * cache is keyed by the principal's scope too, so it never hands one user's file to another.
   * Call `authorize` first and pass its scope.
   * @throws {AnalyticsError} `ANALYTICS_TOO_MANY_EXPORTS` (429, `retryAfter`) when the owner has
   *   `maxRunningPerPrincipal` exports waiting or running.
   * @throws {QueueUnavailableError} when Redis cannot be reached.
   */
  async enqueueExport(spec: ExportSpec, owner: Principal, scope: ExportScope = {}): Promise<string> {
    const { queue, redis } = await this.#connect();
    const hash = specHash(spec, scopeKey(owner));
    const cached = await redis.get(cacheKey(this.queueName, hash));
    if (cached) {
      const job = await queue.getJob(cached);
      const state = job ? await job.getState() : 'unknown';
      if (IN_FLIGHT.has(state)) return cached;
      if (state === 'completed' && job?.returnvalue && (await this.store.exists(job.returnvalue.key))) return cached;
    }
    const jobId = randomUUID();
    const running = await this.#claim(queue, redis, owner.id, jobId);
    try {
      await queue.add(
        'export',
        { spec, hash, owner: owner.id, scope },
        {
          jobId,
          attempts: this.#options.attempts,
          backoff: { type: 'exponential', delay: this.#options.backoffMs },
          removeOnComplete: { age: Math.ceil(this.#options.cacheTtlMs / 1000) },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      );
    } catch (error) {
      await redis.zrem(running, jobId).catch(() => undefined);
      throw error;
    }
    await redis.set(cacheKey(this.queueName, hash), jobId, 'PX', this.#options.cacheTtlMs);
    return jobId;
  }

  /** The job's state, progress and, once done, its file name (or its error); `unknown` when it is not `principal`'s. */
  async getExportStatus(jobId: string, principal: Principal): Promise<ExportStatus> {
    if (!isJobId(jobId)) return { jobId, state: 'unknown', progress: undefined, total: undefined, attemptsMade: 0 };
    const { queue } = await this.#connect();
    let job = await this.#ownJob(queue, jobId, principal);
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
      ...(state === 'completed' && result ? { fileName: result.fileName } : {}),
      ...(state === 'failed' && job.failedReason
        ? { error: principal.role === 'admin' ? job.failedReason : publicFailure(job.failedReason), requestId: failureId(jobId, job.attemptsMade) }
        : {}),
    };
  }

  /**
   * The finished export of a job, for a download handler: for `principal` when it is theirs, or
   * for `'signed-link'` when the caller has checked a signed download link for this job id.
   */
  async getExportFile(jobId: string, who: Principal | 'signed-link'): Promise<ExportJobResult | undefined> {
    if (!isJobId(jobId)) return undefined;
    const { queue } = await this.#connect();
    const job = who === 'signed-link' ? await queue.getJob(jobId) : await this.#ownJob(queue, jobId, who);
    if (!job || (await job.getState()) !== 'completed') return undefined;
    const result = job.returnvalue;
    return result && (await this.store.exists(result.key)) ? result : undefined;
  }

  /**
   * Cancels `principal`'s job: a waiting one is removed; a running one is told to stop (its worker
   * aborts the export through its AbortSignal, and the store keeps nothing). True if there was a job to cancel.
   */
  async cancelExport(jobId: string, principal: Principal): Promise<boolean> {
    if (!isJobId(jobId)) return false;
    const { queue, redis } = await this.#connect();
    const job = await this.#ownJob(queue, jobId, principal);
    if (!job) return false;
    const state = await job.getState();
    if (state === 'active') {
      await redis.set(cancelKey(this.queueName, jobId), '1', 'PX', 3_600_000);
      return true;
    }
    if (IN_FLIGHT.has(state)) {
      await job.remove();
      await redis.zrem(runningKey(this.queueName, job.data.owner), jobId);
      return true;
    }
    return false;
  }

  /**
   * Drops the cache entry of one principal's spec, or every entry, and deletes their objects from
   * the store. Returns how many entries were dropped.
   */
  async clearExportCache(entry?: { spec: ExportSpec; owner: Principal }): Promise<number> {
    const { queue, redis } = await this.#connect();
    const keys: string[] = [];
    if (entry) keys.push(cacheKey(this.queueName, specHash(entry.spec, scopeKey(entry.owner))));
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
      const jobId = await redis.get(key);
      if (!jobId) continue;
      const result = (await queue.getJob(jobId))?.returnvalue;
      if (result?.key) await this.store.delete(result.key);
      dropped += await redis.del(key);
    }
    return dropped;
  }

  /** Resolves when Redis answers (connect and PING, within `connectTimeoutMs`), for a health check. @throws {QueueUnavailableError} */
  async ping(): Promise<void> {
    await this.#connect();
  }

  async close(): Promise<void> {
    await this.#queue?.close(); // the queue shares #redis and leaves it open
    const redis = this.#redis;
    if (redis?.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis?.disconnect();
  }

  /**
   * Takes one of the owner's `maxRunningPerPrincipal` places for `jobId`, or throws 429. Entries of
   * finished jobs (and claims older than PENDING_MS that never became a job) are found first; then
   * one Lua script drops them, counts and adds the claim atomically, so a burst admits exactly the
   * places left, never more and never none. Returns the owner's running-set key.
   */
  async #claim(queue: Queue<ExportJobData, ExportJobResult>, redis: Redis, owner: string, jobId: string): Promise<string> {
    const running = runningKey(this.queueName, owner);
    const now = Date.now();
    const stale: string[] = [];
    for (const [id, since] of pairs(await redis.zrange(running, 0, -1, 'WITHSCORES'))) {
      const job = await queue.getJob(id);
      if (job ? !IN_FLIGHT.has(await job.getState()) : now - since >= PENDING_MS) stale.push(id);
    }
    const max = this.#options.maxRunningPerPrincipal;
    const [admitted, count] = (await redis.eval(CLAIM, 1, running, now, jobId, max, ...stale)) as [number, number];
    if (admitted !== 1) {
      throw new AnalyticsError(
        AnalyticsErrorCode.TooManyExports,
        `You have ${count} exports waiting or running (at most ${max}): wait for one to finish or cancel one`,
        { retryAfter: RETRY_AFTER_S },
      );
    }
    return running;
  }

  /** The job when `principal` (id and scope) owns it or is an admin; undefined otherwise, exactly as for no job. */
  async #ownJob(queue: Queue<ExportJobData, ExportJobResult>, jobId: string, principal: Principal) {
    const job = await queue.getJob(jobId);
    if (!job) return undefined;
    // Theirs: the same id and the same scope (a token of that id with other studentId/teacherId is someone else).
    if (principal.role !== 'admin' && (job.data.owner !== principal.id || job.data.hash !== specHash(job.data.spec, scopeKey(principal)))) return undefined;
    return job;
  }

  /**
   * Connects (or reconnects after an outage) and PINGs, both within `connectTimeoutMs`, so an
   * unreachable Redis is a {@link QueueUnavailableError}, not an endless retry or a hung call.
   */
  async #connect(): Promise<{ queue: Queue<ExportJobData, ExportJobResult>; redis: Redis }> {
    if (this.#redis?.status === 'end') this.#drop(this.#redis); // it gave up reconnecting: start afresh
    const redis = (this.#redis ??= createRedis(this.#options.redisUrl, { connectTimeoutMs: this.#options.connectTimeoutMs }));
    try {
      await connectOrThrow(redis, this.#options.connectTimeoutMs);
    } catch (error) {
      this.#drop(redis);
      throw error;
    }
    if (this.#redis !== redis) return this.#connect(); // dropped while it connected: use the client made since
    // BullMQ takes the ioredis instance as is (and does not close it). A Queue needs no
    // `maxRetriesPerRequest: null` (only blocking Worker connections do), and with
    // `enableOfflineQueue: false` its calls fail at once while Redis is down.
    if (!this.#queue) {
      this.#queue = new Queue<ExportJobData, ExportJobResult>(this.queueName, { connection: redis });
      this.#queue.on('error', () => undefined); // connection drops surface as failed calls, never as a crash
    }
    return { queue: this.#queue, redis };
  }

  /**
   * Forgets the client and its queue, so the next call connects anew; unless `redis` is no longer the
   * client (a call that failed late must not drop the one a later call made since).
   */
  #drop(redis: Redis): void {
    if (this.#redis !== redis) return;
    const queue = this.#queue;
    this.#queue = undefined;
    this.#redis?.disconnect();
    this.#redis = undefined;
    void queue?.close().catch(() => undefined);
  }
}

/**
 * True for an id {@link ExportQueue.enqueueExport} can have made (a lowercase `crypto.randomUUID()`).
 * Checked before Redis is asked: any other text (`events`, `id`, `stalled-check`: BullMQ's own key
 * names) is no job, answered as one that does not exist.
 */
export function isJobId(jobId: string): boolean {
  return typeof jobId === 'string' && JOB_ID.test(jobId);
}

// --- internal (shared with the worker) ---

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const cacheKey = (queue: string, hash: string) => `rowport:${queue}:cache:${hash}`;
export const cancelKey = (queue: string, jobId: string) => `rowport:${queue}:cancel:${jobId}`;
/** A sorted set per principal: job ids waiting or running, scored by when they were claimed. */
export const runningKey = (queue: string, owner: string) => `rowport:${queue}:running:${owner}`;

/** KEYS[1] the running set; ARGV now, jobId, max, stale ids…: drops the stale, then adds jobId if fewer than max remain. */
const CLAIM = `for i = 4, #ARGV do redis.call('zrem', KEYS[1], ARGV[i]) end
local n = redis.call('zcard', KEYS[1])
if n >= tonumber(ARGV[3]) then return {0, n} end
redis.call('zadd', KEYS[1], ARGV[1], ARGV[2])
return {1, n + 1}`;

/** The id under which the worker logs a job's failed attempt, and which its status shows. */
export const failureId = (jobId: string, attempt: number) => `${jobId}/${attempt}`;

/** What a job's owner may see of its failure: a code of the service or rowport, never the message (paths, hosts, `ENOSPC`). */
function publicFailure(reason: string): string {
  if (reason === 'Export cancelled') return 'EXPORT_CANCELLED';
  return /^((?:ANALYTICS|ROWPORT)_[A-Z0-9_]+): /.exec(reason)?.[1] ?? 'EXPORT_FAILED';
}

/** `[member, score, member, score, …]` (ZRANGE … WITHSCORES) as pairs. */
function pairs(flat: string[]): [string, number][] {
  const out: [string, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as string, Number(flat[i + 1])]);
  return out;
}

/**
 * An ioredis client (from the URL, parsed by ioredis) for the example's own commands that fails
 * fast instead of waiting for Redis: it connects only when asked ({@link connectOrThrow}), gives
 * up a connection attempt after `connectTimeoutMs`, rejects commands at once while disconnected
 * (`enableOfflineQueue: false`), retries a command once after a reconnect, and stops reconnecting
 * after `reconnectAttempts`. Its 'error' events are handled, so a lost connection never crashes
 * the process: failures show as rejected calls.
 */
export function createRedis(redisUrl: string, { connectTimeoutMs, reconnectAttempts = 10 }: { connectTimeoutMs: number; reconnectAttempts?: number }): Redis {
  const redis = new Redis(redisUrl, {
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
 * Connects the client if it is not connected (waiting for a connection or reconnect under way,
 * which concurrent calls share), then PINGs, all within `timeoutMs`; or stops the client and throws
 * {@link QueueUnavailableError} naming the address.
 */
export async function connectOrThrow(redis: Redis, timeoutMs: number): Promise<void> {
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
    throw new QueueUnavailableError(`Redis is unreachable at ${redis.options.host}:${redis.options.port}: ${cause.message || cause.code}`, { cause });
  } finally {
    clearTimeout(timer);
    redis.off('error', onError);
  }
}

/** Resolves once the client is ready: connects a new (lazy) client, or waits for a connection under way. */
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
