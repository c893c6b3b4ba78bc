/**
 * A worker and the download server with background-export routes, over the sample database:
 *
 *   REDIS_URL=redis://127.0.0.1:6379 TOKEN_SECRET=$(openssl rand -hex 32) npx tsx examples/queue/run.ts [--port 3000] [--exports exports]
 *   curl -XPOST -H "Authorization: Bearer $TOKEN" localhost:3000/exports/jobs -d '{"kind":"report","report":"teacher-weekly","options":{"format":"xlsx"}}'
 *   curl -H "Authorization: Bearer $TOKEN" localhost:3000/exports/jobs/<jobId>   # poll until "state":"completed"
 *   curl -OJ "localhost:3000<downloadUrl>"                                         # the signed link: no token needed
 *
 * It prints a one-hour admin token and a teacher's (teacher 1) to try the access rules with.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { AnalyticsService } from '../analytics/service.js';
import { createSampleDatabase } from '../analytics/sqljs.js';
import { createTokenAuth } from '../auth/tokens.js';
import { createExportServer } from '../http/server.js';
import { ExportQueue } from './exportQueue.js';
import { createLocalStore } from './exportStore.js';
import { startExportWorker } from './exportWorker.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' }, exports: { type: 'string', default: 'exports' } } });
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const auth = createTokenAuth({ secret: process.env.TOKEN_SECRET ?? randomBytes(32) });
const db = await createSampleDatabase();
const service = new AnalyticsService(db);
try {
  const store = await createLocalStore(values.exports);
  const worker = await startExportWorker({ redisUrl, service, store });
  const jobs = new ExportQueue({ redisUrl, store });
  const server = createExportServer(service, { authenticate: auth.authenticate, links: auth, jobs }).listen(Number(values.port), '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}, worker on ${redisUrl}, files in ${values.exports}/`);
    console.log(`admin token: ${auth.issue({ id: 'admin', role: 'admin' })}`);
    console.log(`teacher 1 token: ${auth.issue({ id: 'teacher-1', role: 'teacher', teacherId: 1 })}`);
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
