/**
 * Runs the download server (direct downloads only; `examples/run.ts` adds background jobs):
 *
 *   export TOKEN_SECRET=$(openssl rand -hex 32)
 *   npx tsx examples/http/serve.ts [--port 3000] [--host 0.0.0.0] [--scale 1] [--express]
 *   DATABASE_URL=postgres://rowport:…@127.0.0.1:5432/postgres npx tsx examples/http/serve.ts   # on PostgreSQL
 *   TOKEN=$(npx tsx examples/auth/issue.ts --role student --student-id 2)
 *
 * Configuration comes from `config.ts` (environment and flags, checked before anything starts:
 * exit code 2 and the reason on stderr). Prints `listening on http://HOST:PORT`; no token is
 * printed (mint them with `examples/auth/issue.ts`). `GET /healthz` answers without credentials.
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { currentPrincipal } from '../analytics/access.js';
import { AnalyticsService } from '../analytics/service.js';
import { createTokenAuth } from '../auth/tokens.js';
import { createExportApp } from './app.js';
import { ConfigError, loadConfig, openDatabase } from './config.js';
import { createExportServer } from './server.js';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
const db = await openDatabase(config);
const service = new AnalyticsService(db);
const auth = createTokenAuth({ secret: config.tokenSecret as string, lookup: (principal) => currentPrincipal(service, principal) });
const options = { authenticate: auth.authenticate, maxDownloadsPerPrincipal: config.maxDownloadsPerPrincipal };
const server = config.express ? createServer(createExportApp(service, options)) : createExportServer(service, options);

// Stopping resets (RST) the connections of responses in flight rather than closing them (FIN), as
// closeAllConnections would: an HTTP/1.0 client (nginx's proxy_pass by default) would take a
// download cut by a deploy for the whole file.
const sockets = new Set<Socket>();
server.on('connection', (socket: Socket) => {
  sockets.add(socket);
  socket.once('close', () => sockets.delete(socket));
});
const stop = () => {
  server.closeIdleConnections();
  for (const socket of sockets) if (!socket.destroyed) socket.resetAndDestroy();
  server.close(() => void db.close().then(() => process.exit(0)));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

server.listen(config.port, config.host, () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`listening on http://${address.includes(':') ? `[${address}]` : address}:${port} (${config.databaseUrl ? 'PostgreSQL' : 'sql.js sample'})`);
});
