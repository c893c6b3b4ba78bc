/**
 * The job routes over a real redis-server for the examples' regression tests: one Redis and one
 * sample database per test file, and `jobServer(name)` for a queue (its own name and folder), an
 * optional in-process worker and the node:http server with the job routes.
 */
import { join } from 'node:path';
import type { Principal } from '../../examples/analytics/access.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { type ExportServerOptions, createExportServer } from '../../examples/http/server.js';
import { ExportQueue } from '../../examples/queue/exportQueue.js';
import { type ExportWorkerOptions, startExportWorker } from '../../examples/queue/exportWorker.js';
import { createLocalStore } from '../../examples/queue/exportStore.js';
import { listen } from './httpClient.js';
import { type RedisServer, startRedis } from './services.js';
import { tempDir } from './support.js';

export const SECRET = 'a test secret of at least thirty-two bytes';

export interface JobHarness {
  readonly redis: RedisServer;
  readonly db: Awaited<ReturnType<typeof createSampleDatabase>>;
  readonly auth: ReturnType<typeof createTokenAuth>;
  bearer(principal: Principal): Record<string, string>;
  /** A queue, a server with the job routes and (unless `worker: false`) a worker, all stopped by `close`. */
  jobServer(
    name: string,
    options?: { worker?: boolean; server?: Partial<ExportServerOptions>; workerOptions?: Partial<ExportWorkerOptions> },
  ): Promise<{ base: string; queue: ExportQueue; dir: string }>;
  close(): Promise<void>;
}

export async function startJobHarness(): Promise<JobHarness> {
  const redis = await startRedis();
  const out = await tempDir('rowport-jobs-');
  const db = await createSampleDatabase({ scale: 0.05 });
  const auth = createTokenAuth({ secret: SECRET });
  const closers: (() => Promise<unknown>)[] = [];
  return {
    redis,
    db,
    auth,
    bearer: (principal) => ({ authorization: `Bearer ${auth.issue(principal)}` }),
    async jobServer(name, { worker = true, server: serverOptions = {}, workerOptions = {} } = {}) {
      const dir = join(out.dir, name);
      const store = await createLocalStore(dir);
      const queue = new ExportQueue({ redisUrl: redis.url, queueName: name, store, backoffMs: 50 });
      closers.push(() => queue.close());
      const service = new AnalyticsService(db);
      if (worker) {
        const started = await startExportWorker({
          redisUrl: redis.url,
          queueName: name,
          store,
          service,
          cancelPollMs: 50,
          onError: () => undefined,
          ...workerOptions,
        });
        closers.push(() => started.close());
      }
      const server = await listen(
        createExportServer(service, { authenticate: auth.authenticate, links: auth, jobs: queue, onError: () => undefined, ...serverOptions }),
      );
      closers.push(server.stop);
      return { base: server.base, queue, dir };
    },
    async close() {
      for (const close of closers.reverse()) await close().catch(() => undefined);
      await db.close();
      await redis.stop();
      await out.remove();
    },
  };
}
