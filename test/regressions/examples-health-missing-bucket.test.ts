// examples/http GET /healthz: the store check looked up a key with HeadObject, whose 404 is the same
// for a missing key and a missing bucket, so a server pointed at a bucket that does not exist (a
// typo in S3_BUCKET, a deleted bucket) answered `"store": "ok"` while every job failed with
// NoSuchBucket. The S3 store now has `ping`, which lists the bucket; a stopped store is unavailable too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { type SqlJsDb, createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { createExportServer } from '../../examples/http/server.js';
import { ExportQueue } from '../../examples/queue/exportQueue.js';
import { createS3Store } from '../../examples/queue/s3Store.js';
import { listen } from '../examples/httpClient.js';
import { type RedisServer, type S3Server, haveRedis, startRedis, startS3 } from '../examples/services.js';

const auth = createTokenAuth({ secret: 'a test secret of at least 32 bytes!' });
let redis: RedisServer;
let s3: S3Server;
let db: SqlJsDb;
beforeAll(async () => {
  if (!haveRedis()) return;
  [redis, s3, db] = await Promise.all([startRedis(), startS3(), createSampleDatabase({ scale: 0.02 })]);
});
afterAll(async () => {
  await Promise.all([redis?.stop(), s3?.stop(), db?.close()]);
});

/** GET /healthz of a server whose queue keeps its files in `bucket` of the s3rver. */
async function health(bucket: string): Promise<{ status: number; body: unknown }> {
  const jobs = new ExportQueue({ redisUrl: redis.url, queueName: 'health', store: createS3Store({ client: s3.client(), bucket }) });
  const server = await listen(createExportServer(new AnalyticsService(db), { authenticate: auth.authenticate, links: auth, jobs, onError: () => undefined }));
  try {
    const reply = await fetch(`${server.base}/healthz`);
    return { status: reply.status, body: await reply.json() };
  } finally {
    await server.stop();
    await jobs.close();
  }
}

describe.runIf(haveRedis())('GET /healthz with an S3 store', () => {
  it('is ok when the bucket exists', async () => {
    expect(await health(s3.bucket)).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'ok', queue: 'ok', store: 'ok' } } });
  });

  it('names the store unavailable when the bucket does not exist', async () => {
    expect(await health('no-such-bucket')).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { database: 'ok', queue: 'ok', store: 'unavailable' } },
    });
  });

  it('names the store unavailable while it is stopped', async () => {
    await s3.down();
    try {
      expect(await health(s3.bucket)).toEqual({ status: 503, body: { status: 'unavailable', checks: { database: 'ok', queue: 'ok', store: 'unavailable' } } });
    } finally {
      await s3.up();
    }
  });
});
