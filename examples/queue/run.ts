/**
 * The export service on one machine or many: the HTTP server with the job routes, a worker, or both.
 *
 *   # one machine, files in ./exports:
 *   REDIS_URL=redis://127.0.0.1:6379 TOKEN_SECRET=$(openssl rand -hex 32) npx tsx examples/queue/run.ts [--port 3000] [--exports exports]
 *   # many machines, sharing Redis and a bucket (same TOKEN_SECRET on every server):
 *   S3_BUCKET=exports REDIS_URL=… TOKEN_SECRET=… npx tsx examples/queue/run.ts --role server
 *   S3_BUCKET=exports REDIS_URL=… npx tsx examples/queue/run.ts --role worker --concurrency 2
 *
 *   curl -XPOST -H "Authorization: Bearer $TOKEN" localhost:3000/exports/jobs -d '{"kind":"report","report":"teacher-weekly","options":{"format":"xlsx"}}'
 *   curl -H "Authorization: Bearer $TOKEN" localhost:3000/exports/jobs/<jobId>   # poll until "state":"completed"
 *   curl -LOJ "localhost:3000<downloadUrl>"                                        # the signed link: no token needed
 *
 * With S3_BUCKET set, exports go to S3-compatible storage: the AWS SDK reads the region and
 * credentials from its usual environment (AWS_REGION, AWS_ACCESS_KEY_ID, …); S3_ENDPOINT points it
 * at MinIO, R2 or another service, and S3_FORCE_PATH_STYLE=1 asks for path-style URLs (MinIO).
 * A server prints a one-hour admin token and a teacher's (teacher 1) to try the access rules with.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { AnalyticsService } from '../analytics/service.js';
import { createSampleDatabase } from '../analytics/sqljs.js';
import { createTokenAuth } from '../auth/tokens.js';
import { createExportServer } from '../http/server.js';
import { ExportQueue } from './exportQueue.js';
import { type ExportStore, createLocalStore } from './exportStore.js';
import { startExportWorker } from './exportWorker.js';
import { createS3Store } from './s3Store.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    exports: { type: 'string', default: 'exports' },
    role: { type: 'string', default: 'both' },
    concurrency: { type: 'string', default: '1' },
  },
});
const role = values.role;
if (role !== 'both' && role !== 'server' && role !== 'worker') {
  console.error(`--role must be both, server or worker, got ${JSON.stringify(role)}`);
  process.exit(2);
}
const env = process.env;
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const db = await createSampleDatabase(); // in production: the same database for every process (pgDb)
const service = new AnalyticsService(db);
const closers: (() => Promise<unknown>)[] = [];
try {
  const store: ExportStore = env.S3_BUCKET
    ? createS3Store({
        client: new S3Client({ ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}), forcePathStyle: env.S3_FORCE_PATH_STYLE === '1' }),
        bucket: env.S3_BUCKET,
        ...(env.S3_PREFIX ? { prefix: env.S3_PREFIX } : {}),
      })
    : await createLocalStore(values.exports);
  const where = env.S3_BUCKET ? `bucket ${env.S3_BUCKET}` : `${values.exports}/`;
  if (role !== 'server') {
    const worker = await startExportWorker({ redisUrl, service, store, concurrency: Number(values.concurrency) });
    closers.push(worker.close);
    console.log(`worker on ${redisUrl}, ${values.concurrency} at a time, files in ${where}`);
  }
  if (role !== 'worker') {
    const auth = createTokenAuth({ secret: env.TOKEN_SECRET ?? randomBytes(32) });
    const jobs = new ExportQueue({ redisUrl, store });
    closers.push(() => jobs.close());
    const server = createExportServer(service, { authenticate: auth.authenticate, links: auth, jobs }).listen(Number(values.port), '127.0.0.1', () => {
      console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}, queue on ${redisUrl}, files in ${where}`);
      console.log(`admin token: ${auth.issue({ id: 'admin', role: 'admin' })}`);
      console.log(`teacher 1 token: ${auth.issue({ id: 'teacher-1', role: 'teacher', teacherId: 1 })}`);
    });
    closers.push(() => new Promise((resolve) => server.close(resolve)));
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void Promise.all(closers.map((close) => close())).then(() => db.close()));
  }
} catch (error) {
  console.error(`${(error as Error).name}: ${(error as Error).message}`);
  await Promise.all(closers.map((close) => close().catch(() => undefined)));
  await db.close();
  process.exitCode = 1;
}
