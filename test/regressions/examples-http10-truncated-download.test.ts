// examples/http: a download that failed after its first byte was ended by closing the connection
// (FIN). An HTTP/1.1 client sees the chunked body's end missing, but an HTTP/1.0 one (nginx's
// proxy_pass talks HTTP/1.0 to its upstream by default) has nothing but the close to go by: curl
// saved the CSV, cut at a row boundary, and exited 0. The connection is now reset (RST) instead.
import { execFile } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { type SqlJsDb, createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createExportApp } from '../../examples/http/app.js';
import { type ExportServerOptions, createExportServer } from '../../examples/http/server.js';
import { listen } from '../examples/httpClient.js';
import { instrumentedDb } from '../examples/instrumentedDb.js';
import { requireTool } from '../examples/support.js';

const ADMIN: Principal = { id: 'admin', role: 'admin' };
type Make = (service: AnalyticsService, options: ExportServerOptions) => Server;
const flavours: [string, Make][] = [
  ['node:http server', (service, options) => createExportServer(service, options)],
  ['Express 5 app', (service, options) => createServer(createExportApp(service, options))],
];
const haveCurl = () => requireTool('curl', () => spawnSync('curl', ['--version']).status === 0);

let db: SqlJsDb;
beforeAll(async () => {
  db = await createSampleDatabase({ scale: 0.5 });
});
afterAll(() => db.close());

/** curl's exit code for a download (0: it took the body for whole; 56: the connection failed while receiving). */
function curl(url: string, version: '1.0' | '1.1'): Promise<number> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', `--http${version}`, '-o', '/dev/null', url], (error) => resolve(error ? Number(error.code) : 0));
  });
}

describe.runIf(haveCurl()).each(flavours)('examples/http (%s): a query that fails after the first byte', (_, make) => {
  it.each(['1.0', '1.1'] as const)('fails the download of an HTTP/%s client (curl), which never takes it for whole', async (version) => {
    const failing = instrumentedDb(db, { when: (sql) => sql.includes('FROM metrics ORDER BY id'), afterRows: 5_000 });
    const { base, stop } = await listen(make(new AnalyticsService(failing), { authenticate: () => ADMIN, onError: () => undefined }));
    try {
      const exit = await curl(`${base}/exports/metrics.csv`, version);
      expect(failing.last('FROM metrics ORDER BY id')?.failed).toBe(true);
      expect(exit).not.toBe(0);
    } finally {
      await stop();
    }
  });
});
