/**
 * Runs the download server over the sample database:
 *
 *   TOKEN_SECRET=$(openssl rand -hex 32) npx tsx examples/http/serve.ts [--port 3000] [--scale 1] [--express]
 *
 * Prints `listening on http://127.0.0.1:PORT` and a one-hour admin bearer token (tokens are signed
 * with TOKEN_SECRET; without it, a random secret lives as long as the process). Started by a parent with an IPC channel (the load
 * test), it answers the message `'stats'` with `{ rss, peakRss }` of this process.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { AnalyticsService } from '../analytics/service.js';
import { createSampleDatabase } from '../analytics/sqljs.js';
import { createTokenAuth } from '../auth/tokens.js';
import { createExportApp } from './app.js';
import { createExportServer } from './server.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '3000' }, scale: { type: 'string', default: '1' }, express: { type: 'boolean', default: false } },
});
const db = await createSampleDatabase({ scale: Number(values.scale) });
const service = new AnalyticsService(db);
const auth = createTokenAuth({ secret: process.env.TOKEN_SECRET ?? randomBytes(32) });
const server = values.express ? createServer(createExportApp(service, { authenticate: auth.authenticate })) : createExportServer(service, { authenticate: auth.authenticate });

let peakRss = process.memoryUsage().rss;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20).unref();
process.on('message', (message) => {
  if (message === 'stats') process.send?.({ rss: process.memoryUsage().rss, peakRss });
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void db.close().then(() => process.exit(0)));
});
// Without a parent (run by hand), stop on Ctrl-C; with one, also stop when it goes away.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

server.listen(Number(values.port), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port} (${db.school.metrics.length} metric rows)`);
  console.log(`admin token (1 hour): ${auth.issue({ id: 'admin', role: 'admin' })}`);
});
