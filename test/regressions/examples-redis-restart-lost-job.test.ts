// examples/queue: Redis restarted without persistence lost the running job, and the worker still
// stored its whole export: an object nobody could ask for. The worker now deletes it (#18).
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { ExportQueue } from '../../examples/queue/exportQueue.js';
import { type ExportStore, createLocalStore } from '../../examples/queue/exportStore.js';
import { startExportWorker } from '../../examples/queue/exportWorker.js';
import { slowDb } from '../examples/fixtures/slowDb.js';
import { type RedisServer, haveRedis, startRedis } from '../examples/services.js';
import { tempDir } from '../examples/support.js';

const ADMIN: Principal = { id: 'admin', role: 'admin' };
let redis: RedisServer;
let out: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  if (!haveRedis()) return;
  [redis, out] = await Promise.all([startRedis(), tempDir('rowport-lost-job-')]);
});
afterAll(async () => {
  await redis?.stop();
  await out?.remove();
});

describe.runIf(haveRedis())('a job Redis lost while it ran', () => {
  it('leaves no object once the worker finishes it', async () => {
    const db = await createSampleDatabase({ scale: 0.05 });
    const dir = join(out.dir, 'store');
    const local = await createLocalStore(dir);
    let stored = 0;
    const store: ExportStore = { ...local, put: (key, stream, options) => local.put(key, stream, options).finally(() => stored++) };
    const queue = new ExportQueue({ redisUrl: redis.url, queueName: 'lost', store });
    const worker = await startExportWorker({ redisUrl: redis.url, queueName: 'lost', store, service: new AnalyticsService(slowDb(db, { delayMs: 10 })) });
    try {
      const jobId = await queue.enqueueExport({ kind: 'query', sql: 'SELECT * FROM metrics ORDER BY id /*slow*/' }, ADMIN);
      await vi.waitFor(async () => expect((await queue.getExportStatus(jobId, ADMIN)).progress?.rows).toBeGreaterThan(0), { timeout: 20_000, interval: 20 });
      await redis.down();
      await redis.up(); // empty: no persistence
      await vi.waitFor(() => expect(stored).toBe(1), { timeout: 60_000, interval: 50 }); // the export ran to its end
      await vi.waitFor(async () => expect((await readdir(dir)).filter((f) => f !== '.staging')).toEqual([]), { timeout: 10_000, interval: 50 });
      expect((await queue.getExportStatus(jobId, ADMIN)).state).toBe('unknown'); // lost, as the README says
    } finally {
      await worker.close();
      await queue.close();
      await db.close();
    }
  }, 90_000);
});
