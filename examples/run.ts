/**
 * The export service on one machine or many: the HTTP server with the job routes, a worker, or both.
 * Configuration: `examples/http/config.ts` (environment and flags, checked before anything starts).
 *
 *   export TOKEN_SECRET=$(openssl rand -hex 32)
 *   # one machine, sql.js sample, files in ./exports:
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/run.ts [--port 3000] [--exports exports]
 *   # on PostgreSQL (load it first: examples/postgres/export.ts --load-sample):
 *   DATABASE_URL=postgres://rowport:…@127.0.0.1:5432/postgres REDIS_URL=… npx tsx examples/run.ts
 *   # many machines, sharing Redis, the database and a bucket (see queue/README.md):
 *   HOST=0.0.0.0 S3_BUCKET=exports AWS_REGION=eu-west-1 DATABASE_URL=… REDIS_URL=… npx tsx examples/run.ts --role server
 *   S3_BUCKET=exports AWS_REGION=eu-west-1 DATABASE_URL=… REDIS_URL=… npx tsx examples/run.ts --role worker --concurrency 2
 *
 *   TOKEN=$(npx tsx examples/auth/issue.ts --role teacher --teacher-id 1)
 *   curl -XPOST -H "Authorization: Bearer $TOKEN" localhost:3000/exports/jobs -d '{"kind":"report","report":"teacher-weekly","options":{"format":"xlsx"}}'
 *   curl -H "Authorization: Bearer $TOKEN" localhost:3000/exports/jobs/<jobId>   # poll until "state":"completed"
 *   curl -OJ "localhost:3000<downloadUrl>"                                         # the signed link: no token needed
 *
 * S3_ENDPOINT points the AWS SDK at MinIO, R2 or another service and S3_FORCE_PATH_STYLE=1 asks
 * for path-style URLs (MinIO); credentials come from the SDK's usual environment (AWS_ACCESS_KEY_ID, …).
 */
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { currentPrincipal } from './analytics/access.js';
import { AnalyticsService } from './analytics/service.js';
import { createTokenAuth } from './auth/tokens.js';
import { ConfigError, type ServiceConfig, loadConfig, openDatabase } from './http/config.js';
import { createExportServer } from './http/server.js';
import { ExportQueue } from './queue/exportQueue.js';
import { type ExportStore, createLocalStore } from './queue/exportStore.js';
import { startExportWorker } from './queue/exportWorker.js';
import { createS3Store } from './queue/s3Store.js';

let config: ServiceConfig;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
const db = await openDatabase(config); // the same database for every process
const service = new AnalyticsService(db);
const closers: (() => Promise<unknown>)[] = [];
try {
  const { s3 } = config;
  const store: ExportStore = s3
    ? createS3Store({
        client: new S3Client({ region: s3.region, forcePathStyle: s3.forcePathStyle, ...(s3.endpoint ? { endpoint: s3.endpoint } : {}) }),
        bucket: s3.bucket,
        ...(s3.prefix ? { prefix: s3.prefix } : {}),
      })
    : await createLocalStore(config.exportsDir);
  const where = s3 ? `bucket ${s3.bucket}` : `${config.exportsDir}/`;
  if (config.role !== 'server') {
    const worker = await startExportWorker({ redisUrl: config.redisUrl, service, store, concurrency: config.concurrency });
    closers.push(worker.close);
    console.log(`worker: ${config.concurrency} at a time, files in ${where}`);
  }
  if (config.role !== 'worker') {
    const auth = createTokenAuth({ secret: config.tokenSecret as string, lookup: (principal) => currentPrincipal(service, principal) });
    const jobs = new ExportQueue({ redisUrl: config.redisUrl, store });
    closers.push(() => jobs.close());
    const server = createExportServer(service, {
      authenticate: auth.authenticate,
      links: auth,
      jobs,
      maxDownloadsPerPrincipal: config.maxDownloadsPerPrincipal,
    });
    server.listen(config.port, config.host, () => {
      const { address, port } = server.address() as AddressInfo;
      console.log(`listening on http://${address.includes(':') ? `[${address}]` : address}:${port}, files in ${where}`);
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
