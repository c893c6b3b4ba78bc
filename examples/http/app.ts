import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { AnalyticsService } from '../analytics/service.js';
import { handleJobRequest } from './jobRoutes.js';
import { DownloadLimiter } from './downloadLimiter.js';
import { sendHealth } from './health.js';
import { downloadSpec, notFound, resolveExport, singleValue } from './routes.js';
import { sendError, sendExport, logError } from './sendExport.js';
import type { ExportServerOptions } from './server.js';

/**
 * The same downloads as an Express 5 app, with Express routes (`req.params`, `req.query`). Express
 * 5 forwards a rejected promise from a handler to the error middleware, which answers JSON before
 * the first byte and destroys the socket after it. Given `jobs` and `links`, it also serves the
 * background-export routes of `examples/http/jobRoutes.ts`.
 * @example
 * createExportApp(new AnalyticsService(db), { authenticate: auth.authenticate }).listen(3000);
 */
export function createExportApp(service: AnalyticsService, options: ExportServerOptions): Express {
  const { authenticate, jobs, links, onError = logError, maxDownloadsPerPrincipal = 3, bodyTimeoutMs, stallTimeoutMs } = options;
  if (typeof authenticate !== 'function') throw new TypeError('Invalid option `authenticate`: expected a function (req) => principal | null');
  if (jobs && !links) throw new TypeError('Invalid option `links`: the job routes need it to sign download links');
  const limiter = new DownloadLimiter(maxDownloadsPerPrincipal);
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req: Request, res: Response) => sendHealth(res, service, jobs));
  if (jobs && links) {
    const context = { queue: jobs, service, authenticate, links, onError, ...(bodyTimeoutMs === undefined ? {} : { bodyTimeoutMs }) };
    app.all(['/exports/jobs', '/exports/jobs/:id', '/exports/jobs/:id/download'], async (req: Request, res: Response, next: NextFunction) => {
      if (!(await handleJobRequest(context, req, res))) next();
    });
  }
  const download = (kind: string) => async (req: Request<{ id?: string; format: string }>, res: Response) => {
    const controller = new AbortController();
    res.once('close', () => controller.abort());
    const query = (name: string) => singleValue(name, req.query[name]);
    const spec = downloadSpec(kind, req.params.id, req.params.format, query, req.path);
    const result = await resolveExport(service, await authenticate(req), spec, controller.signal, (principal) => limiter.hold(principal, res));
    await sendExport(res, result, onError, stallTimeoutMs);
  };
  app.get('/exports/students/:id.:format', download('students'));
  app.get('/exports/reports/:id.:format', download('reports'));
  app.get('/exports/classes.:format', download('classes'));
  app.get('/exports/metrics.:format', download('metrics'));
  app.use((req: Request) => {
    throw notFound(req.path);
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    sendError(res, error, onError); // JSON before the first byte; after it, the socket is destroyed
  });
  return app;
}
