import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { AnalyticsService } from '../analytics/service.js';
import { resolveExport } from './routes.js';
import { errorResponse, sendExport } from './sendExport.js';

/**
 * The same downloads as an Express 5 app. Express 5 forwards a rejected promise from a handler to
 * the error middleware, which answers JSON before the first byte and destroys the socket after it.
 * @example
 * createExportApp(new AnalyticsService(db)).listen(3000);
 */
export function createExportApp(service: AnalyticsService): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/exports/*path', async (req: Request, res: Response) => {
    const controller = new AbortController();
    res.once('close', () => controller.abort());
    const result = await resolveExport(service, new URL(req.originalUrl, 'http://localhost'), controller.signal);
    await sendExport(res, result);
  });
  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: { code: 'ANALYTICS_NOT_FOUND', message: `No export at ${req.path}` } });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.destroy(); // bytes already went out: never let the client take a truncated file for a whole one
      return;
    }
    const { status, body } = errorResponse(error);
    res.status(status).json(body);
  });
  return app;
}
