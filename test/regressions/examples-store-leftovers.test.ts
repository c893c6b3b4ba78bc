// examples/queue: a re-run job added a second object (the key held the run's time), a killed worker's
// staging file stayed until a worker restarted, and killed or failed S3 uploads stayed unfinished (#18).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateMultipartUploadCommand, ListMultipartUploadsCommand, ListObjectsV2Command, UploadPartCommand } from '@aws-sdk/client-s3';
import { toCsv } from 'rowport';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { ExportQueue } from '../../examples/queue/exportQueue.js';
import { type ExportStore, createLocalStore } from '../../examples/queue/exportStore.js';
import { startExportWorker } from '../../examples/queue/exportWorker.js';
import { createS3Store } from '../../examples/queue/s3Store.js';
import { type RedisServer, type S3Server, haveRedis, startRedis, startS3 } from '../examples/services.js';
import { tempDir } from '../examples/support.js';

const ADMIN: Principal = { id: 'admin', role: 'admin' };
let s3: S3Server;
let out: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  [s3, out] = await Promise.all([startS3(), tempDir('rowport-leftovers-')]);
});
afterAll(async () => {
  await s3?.stop();
  await out?.remove();
});

const uploads = async () => ((await s3.client().send(new ListMultipartUploadsCommand({ Bucket: s3.bucket }))).Uploads ?? []).map((u) => u.Key);
const objects = async () => ((await s3.client().send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map((o) => o.Key);

/** What a worker killed mid-upload leaves: a multipart upload with a part, never completed. */
async function abandonUpload(key: string): Promise<void> {
  const client = s3.client();
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: key }));
  await client.send(new UploadPartCommand({ Bucket: s3.bucket, Key: key, UploadId, PartNumber: 1, Body: Buffer.alloc(5 * 1024 * 1024, 97) }));
}

describe('examples/queue stores leave nothing behind', () => {
  it('S3: put aborts the unfinished upload an earlier attempt left under its key, and sweep the old ones', async () => {
    const store = createS3Store({ client: s3.client(), bucket: s3.bucket });
    await abandonUpload('exports/job-1.csv');
    await abandonUpload('exports/job-2.csv');
    expect((await uploads()).sort()).toEqual(['exports/job-1.csv', 'exports/job-2.csv']);
    await store.put('job-1.csv', toCsv([{ a: 1 }]), { fileName: 'a.csv', contentType: 'text/csv' });
    expect(await uploads()).toEqual(['exports/job-2.csv']); // another job's upload may still be running: kept
    expect(await store.sweep(24 * 3_600_000)).toBe(0); // younger than the TTL: kept
    expect(await uploads()).toEqual(['exports/job-2.csv']);
    await store.sweep(0);
    expect(await uploads()).toEqual([]);
    expect(await objects()).toEqual([]);
  });

  it("local: a dead process's staging file goes at the next put or sweep, without a restart", async () => {
    const dir = join(out.dir, 'local');
    const store = await createLocalStore(dir);
    const dead = spawnSync('true').pid as number; // a process that has exited: its pid is free
    for (const [i, act] of [
      (s: ExportStore) => s.put('k.csv', toCsv([{ a: 1 }]), { fileName: 'k.csv', contentType: 'text/csv' }),
      (s: ExportStore) => s.sweep(24 * 3_600_000),
    ].entries()) {
      await mkdir(join(dir, '.staging', String(dead)), { recursive: true });
      await writeFile(join(dir, '.staging', String(dead), `half-${i}.csv`), 'id\r\n1\r\n');
      await act(store);
      expect(existsSync(join(dir, '.staging', String(dead)))).toBe(false);
    }
    expect(await readdir(dir)).toEqual(['.staging', 'k.csv']);
  });

  describe.runIf(haveRedis())('a job that runs twice', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(() => redis?.stop());

    it('overwrites its own object instead of adding one: the key is the job id, not the time of the run', async () => {
      const db = await createSampleDatabase({ scale: 0.01 });
      const dir = join(out.dir, 'rerun');
      const local = await createLocalStore(dir);
      let puts = 0;
      // Writes the object, then fails as if the connection broke before the worker heard back: BullMQ runs the job again.
      const store: ExportStore = {
        ...local,
        async put(key, stream, options) {
          const written = await local.put(key, stream, options);
          if (++puts === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
          return written;
        },
      };
      let clock = Date.parse('2024-11-25T10:30:00Z');
      const service = new AnalyticsService(db, { now: () => new Date((clock += 60_000)) });
      const queue = new ExportQueue({ redisUrl: redis.url, queueName: 'rerun', store, backoffMs: 20 });
      const worker = await startExportWorker({ redisUrl: redis.url, queueName: 'rerun', store, service });
      try {
        const jobId = await queue.enqueueExport({ kind: 'student', studentId: 1 }, ADMIN);
        const status = await vi.waitFor(
          async () => {
            const s = await queue.getExportStatus(jobId, ADMIN);
            if (s.state !== 'completed') throw new Error(s.state);
            return s;
          },
          { timeout: 30_000, interval: 50 },
        );
        expect(status.attemptsMade).toBe(2); // the failed run and the one that completed
        expect(puts).toBe(2);
        expect((await readdir(dir)).filter((f) => f !== '.staging')).toEqual([`${jobId}.csv`]);
      } finally {
        await worker.close();
        await queue.close();
        await db.close();
      }
    });
  });
});
