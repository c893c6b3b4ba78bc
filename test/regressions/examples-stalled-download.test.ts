// examples/http: a client that stopped reading a download (paused, stuck, asleep) held its export's
// cursor, and on PostgreSQL its pooled connection, for as long as it stayed connected: a few such
// clients took every connection and the whole service answered 503. The connection is now cut once
// bytes have waited `stallTimeoutMs` for the client; a slow database between chunks is not cut.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { type SqlJsDb, createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createExportApp } from '../../examples/http/app.js';
import { type ExportServerOptions, createExportServer } from '../../examples/http/server.js';
import { slowDb } from '../examples/fixtures/slowDb.js';
import { fetchAll, firstChunk, listen } from '../examples/httpClient.js';
import { instrumentedDb } from '../examples/instrumentedDb.js';

const ADMIN: Principal = { id: 'admin', role: 'admin' };
type Make = (service: AnalyticsService, options: ExportServerOptions) => Server;
const flavours: [string, Make][] = [
  ['node:http server', (service, options) => createExportServer(service, options)],
  ['Express 5 app', (service, options) => createServer(createExportApp(service, options))],
];

// ~7 MB of CSV: more than the socket buffers hold, so a client that reads nothing stalls the export.
let db: SqlJsDb;
beforeAll(async () => {
  db = await createSampleDatabase({ scale: 2.5 });
});
afterAll(() => db.close());

describe.each(flavours)('examples/http (%s): a client that stops reading', (_, make) => {
  it('is cut after stallTimeoutMs, and the cursor is closed', async () => {
    const recorded = instrumentedDb(db);
    const { base, stop } = await listen(make(new AnalyticsService(recorded), { authenticate: () => ADMIN, onError: () => undefined, stallTimeoutMs: 300 }));
    try {
      const { res } = await firstChunk(`${base}/exports/metrics.csv`); // then reads nothing
      const closed = new Promise<void>((resolve) => res.once('close', resolve));
      await vi.waitFor(() => expect(recorded.last('FROM metrics ORDER BY id')?.returned).toBe(1), { timeout: 10_000, interval: 50 });
      expect(recorded.last('FROM metrics ORDER BY id')?.exhausted).toBe(false);
      expect(db.openCursors).toBe(0);
      res.resume();
      await closed; // reading again, the client finds the download cut short, not ended
      expect(res.complete).toBe(false);
    } finally {
      await stop();
    }
  }, 30_000);

  it('is not cut while the database is slow between chunks, and gets the whole file', async () => {
    // Two pauses of 1 s, each longer than the stall timeout, with nothing to send meanwhile.
    const slow = slowDb(db, { marker: 'FROM metrics ORDER BY id', everyRows: 4_000, delayMs: 1_000 });
    const { base, stop } = await listen(make(new AnalyticsService(slow), { authenticate: () => ADMIN, onError: () => undefined, stallTimeoutMs: 300 }));
    try {
      const reply = await fetchAll(`${base}/exports/metrics.csv?limit=10000`);
      expect(reply.status).toBe(200);
      const rows = parse(reply.body.toString('utf8'), { bom: true, columns: true }) as { id: string }[];
      expect(rows.map((row) => Number(row.id))).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    } finally {
      await stop();
    }
  }, 30_000);
});
