/**
 * A worker and the download server with background-export routes, over the sample database:
 *
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/queue/run.ts [--port 3000] [--exports exports]
 *   curl -XPOST localhost:3000/exports/jobs -d '{"kind":"report","report":"teacher-weekly","options":{"format":"xlsx"}}'
 *   curl localhost:3000/exports/jobs/<jobId>             # poll until "state":"completed"
 *   curl -OJ localhost:3000/exports/jobs/<jobId>/download
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { AnalyticsService } from '../analytics/service.js';
import { createSampleDatabase } from '../analytics/sqljs.js';
import { createExportServer } from '../http/server.js';
import { ExportQueue } from './exportQueue.js';
import { startExportWorker } from './exportWorker.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' }, exports: { type: 'string', default: 'exports' } } });
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const db = await createSampleDatabase();
const service = new AnalyticsService(db);
try {
  const worker = await startExportWorker({ redisUrl, service, exportsDir: values.exports });
  const jobs = new ExportQueue({ redisUrl });
  const server = createExportServer(service, { jobs }).listen(Number(values.port), '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}, worker on ${redisUrl}, files in ${values.exports}/`);
  });
  process.once('SIGINT', () => {
    server.close();
    void Promise.all([worker.close(), jobs.close()]).then(() => db.close());
  });
} catch (error) {
  console.error(`${(error as Error).name}: ${(error as Error).message}`);
  await db.close();
  process.exitCode = 1;
}
