import { type Server, createServer } from 'node:http';
import type { AnalyticsService } from '../analytics/service.js';
import type { ExportQueue } from '../queue/exportQueue.js';
import { handleJobRequest } from '../queue/jobRoutes.js';
import { resolveExport } from './routes.js';
import { sendError, sendExport } from './sendExport.js';

/**
 * A plain `node:http` server for `GET /exports/…` downloads (see `routes.ts` for the paths), and,
 * given an `ExportQueue` as `jobs`, the background-export routes of `examples/queue/jobRoutes.ts`.
 * @example
 * createExportServer(new AnalyticsService(db)).listen(3000);
 * // curl -OJ 'http://localhost:3000/exports/classes.csv?delimiter=;&dateFormat=eu'
 */
export function createExportServer(service: AnalyticsService, options: { jobs?: ExportQueue } = {}): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Background exports (examples/queue): POST /exports/jobs, then poll GET /exports/jobs/:id and download.
    if (options.jobs && url.pathname.startsWith('/exports/jobs') && (await handleJobRequest(options.jobs, req, res))) return;
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET', 'Content-Type': 'application/json; charset=utf-8' }).end('{"error":{"code":"METHOD_NOT_ALLOWED","message":"Use GET"}}');
      return;
    }
    const controller = new AbortController();
    res.once('close', () => controller.abort());
    resolveExport(service, url, controller.signal)
      .then((result) => sendExport(res, result))
      .catch((error: unknown) => sendError(res, error));
  });
}
