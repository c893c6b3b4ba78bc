// examples/queue: a worker whose job lock expired (a Redis outage longer than lockDuration) kept
// exporting while the stalled job ran again: the job ran twice to its end. It now stops its run (#18).
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { Redis } from 'ioredis';
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
  [redis, out] = await Promise.all([startRedis(), tempDir('rowport-lost-lock-')]);
});
afterAll(async () => {
  await redis?.stop();
  await out?.remove();
});

describe.runIf(haveRedis())('a worker that lost its job lock', () => {
  it('stops its run; the job completes once, from the run that holds the lock', async () => {
    const db = await createSampleDatabase({ scale: 0.05 });
    const dir = join(out.dir, 'store');
    const local = await createLocalStore(dir);
    let stored = 0;
    const store: ExportStore = {
      ...local,
      put: (key, stream, options) =>
        local.put(key, stream, options).then((r) => {
          stored++;
          return r;
        }),
    };
    const queue = new ExportQueue({ redisUrl: redis.url, queueName: 'lock', store });
    const runs: string[] = [];
    const worker = await startExportWorker({
      redisUrl: redis.url,
      queueName: 'lock',
      store,
      service: new AnalyticsService(slowDb(db, { delayMs: 10 })),
      lockDuration: 1_000,
      stalledInterval: 500,
      onJob: (job) => runs.push(job.id as string),
    });
    const client = new Redis(redis.url);
    try {
      const jobId = await queue.enqueueExport({ kind: 'query', sql: 'SELECT * FROM metrics ORDER BY id /*slow*/' }, ADMIN);
      await vi.waitFor(async () => expect((await queue.getExportStatus(jobId, ADMIN)).progress?.rows).toBeGreaterThan(0), { timeout: 20_000, interval: 20 });
      expect(await client.del(`bull:lock:${jobId}:lock`)).toBe(1); // as if it had expired while Redis was away
      const status = await vi.waitFor(
        async () => {
          const s = await queue.getExportStatus(jobId, ADMIN);
          if (s.state !== 'completed') throw new Error(s.state);
          return s;
        },
        { timeout: 60_000, interval: 50 },
      );
      expect(status.progress).toMatchObject({ rows: db.school.metrics.length, percent: 100 });
      expect(runs).toEqual([jobId, jobId]);
      expect(stored).toBe(1); // the run without the lock stopped instead of storing the whole export too
      expect((await readdir(dir)).filter((f) => f !== '.staging')).toEqual([`${jobId}.csv`]);
    } finally {
      client.disconnect();
      await worker.close();
      await queue.close();
      await db.close();
    }
  }, 90_000);
});
