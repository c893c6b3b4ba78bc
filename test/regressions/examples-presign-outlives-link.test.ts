// examples/http: a signed download link of a job whose file is in S3 redirects to a presigned GET,
// which was always signed for the full 15 minutes, however little time the link had left: a link
// opened a second before it expired handed out a URL valid for 15 more minutes, and a link could be
// opened again and again to mint new ones. The presigned URL now expires with the link.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { type SqlJsDb, createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { createExportServer } from '../../examples/http/server.js';
import { ExportQueue } from '../../examples/queue/exportQueue.js';
import { startExportWorker } from '../../examples/queue/exportWorker.js';
import { createS3Store } from '../../examples/queue/s3Store.js';
import { listen } from '../examples/httpClient.js';
import { type RedisServer, type S3Server, haveRedis, startRedis, startS3 } from '../examples/services.js';

const auth = createTokenAuth({ secret: 'a test secret of at least thirty-two bytes' });
const STUDENT: Principal = { id: 'student-2', role: 'student', studentId: 2 };
const closers: (() => Promise<unknown>)[] = [];
let redis: RedisServer;
let s3: S3Server;
let db: SqlJsDb;
let base: string;
beforeAll(async () => {
  if (!haveRedis()) return;
  [redis, s3, db] = await Promise.all([startRedis(), startS3(), createSampleDatabase({ scale: 0.02 })]);
  const store = createS3Store({ client: s3.client(), bucket: s3.bucket });
  const jobs = new ExportQueue({ redisUrl: redis.url, queueName: 'presign', store });
  const worker = await startExportWorker({ redisUrl: redis.url, queueName: 'presign', store, service: new AnalyticsService(db), onError: () => undefined });
  const server = await listen(createExportServer(new AnalyticsService(db), { authenticate: auth.authenticate, links: auth, jobs, onError: () => undefined }));
  closers.push(server.stop, worker.close, () => jobs.close());
  base = server.base;
});
afterAll(async () => {
  for (const close of closers) await close().catch(() => undefined);
  await Promise.all([redis?.stop(), s3?.stop(), db?.close()]);
});

/** Seconds a presigned S3 URL is valid for (its `X-Amz-Expires`). */
const presignedFor = (location: string) => Number(new URL(location).searchParams.get('X-Amz-Expires'));

describe.runIf(haveRedis())('the presigned GET behind a signed download link', () => {
  it('expires with the link, not 15 minutes after it is opened', async () => {
    const headers = { authorization: `Bearer ${auth.issue(STUDENT)}` };
    const posted = await fetch(`${base}/exports/jobs`, { method: 'POST', headers, body: JSON.stringify({ kind: 'student', studentId: 2 }) });
    const { jobId, statusUrl } = (await posted.json()) as { jobId: string; statusUrl: string };
    const status = await vi.waitFor(
      async () => {
        const body = (await (await fetch(`${base}${statusUrl}`, { headers })).json()) as { state: string; downloadUrl?: string };
        if (body.state !== 'completed') throw new Error(body.state);
        return body;
      },
      { timeout: 30_000, interval: 50 },
    );
    // The link of the status: 15 minutes, and so its presigned URL.
    const full = await fetch(`${base}${status.downloadUrl}`, { redirect: 'manual' });
    expect(full.status).toBe(302);
    expect(presignedFor(full.headers.get('location') as string)).toBeLessThanOrEqual(900);
    // A link with 30 seconds left (signed with the servers' secret, as any server's link is).
    const short = await fetch(`${base}/exports/jobs/${jobId}/download?${auth.signLink(jobId, 30_000)}`, { redirect: 'manual' });
    expect(short.status).toBe(302);
    const location = short.headers.get('location') as string;
    expect(presignedFor(location)).toBeGreaterThan(0);
    expect(presignedFor(location)).toBeLessThanOrEqual(30);
    expect((await fetch(location)).status).toBe(200);
  });
});
