import { type Server, createServer } from 'node:http';
import type { AnalyticsService } from '../analytics/service.js';
import type { Authenticate, TokenAuth } from '../auth/tokens.js';
import type { ExportQueue } from '../queue/exportQueue.js';
import { handleJobRequest } from './jobRoutes.js';
import { DownloadLimiter } from './downloadLimiter.js';
import { sendHealth } from './health.js';
import { resolveExport, specFromUrl } from './routes.js';
import { type ErrorLog, logError, sendError, sendExport } from './sendExport.js';

/** Options of {@link createExportServer} and `createExportApp`. */
export interface ExportServerOptions {
  /** Who is asking: a principal, or `null` (then 401). Required: there is no anonymous access. */
  readonly authenticate: Authenticate;
  /** An `ExportQueue` (examples/queue): serves the background-export routes of `jobRoutes.ts`. */
  readonly jobs?: ExportQueue;
  /** Signs and checks the download links of finished jobs; required with `jobs`. */
  readonly links?: Pick<TokenAuth, 'signLink' | 'verifyLink'>;
  /** Where 5xx errors are logged, with the request id the client was given. @default console.error */
  readonly onError?: ErrorLog;
  /** Direct downloads one principal may run at once in this process; more is 429 with `Retry-After`. @default 3 */
  readonly maxDownloadsPerPrincipal?: number;
  /** How long the body of `POST /exports/jobs` may take to arrive; then 408. @default 10000 */
  readonly bodyTimeoutMs?: number;
  /**
   * How long a download waits for a client that takes no byte (it stopped reading) before the
   * connection is cut, which closes the export's cursor and frees its database connection. @default 60000
   */
  readonly stallTimeoutMs?: number;
}

/**
 * A plain `node:http` server for `GET /exports/…` downloads (see `routes.ts` for the paths), and,
 * given an `ExportQueue` as `jobs`, the background-export routes of `examples/http/jobRoutes.ts`.
 * Every request is authenticated (`authenticate`: 401 without a principal) and authorized
 * (`authorize`: 403 for what is not the principal's) before any query runs.
 * @example
 * const auth = createTokenAuth({ secret });
 * createExportServer(new AnalyticsService(db), { authenticate: auth.authenticate }).listen(3000);
 * // curl -OJ -H "Authorization: Bearer $TOKEN" 'http://localhost:3000/exports/classes.csv?ids=1,2&delimiter=;'
 */
export function createExportServer(service: AnalyticsService, options: ExportServerOptions): Server {
  const { authenticate, jobs, links, onError = logError, maxDownloadsPerPrincipal = 3, bodyTimeoutMs, stallTimeoutMs } = options;
  if (typeof authenticate !== 'function') throw new TypeError('Invalid option `authenticate`: expected a function (req) => principal | null');
  if (jobs && !links) throw new TypeError('Invalid option `links`: the job routes need it to sign download links');
  const limiter = new DownloadLimiter(maxDownloadsPerPrincipal);
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/healthz' && req.method === 'GET') return void (await sendHealth(res, service, jobs));
      // Background exports (examples/queue): POST /exports/jobs, then poll GET /exports/jobs/:id and download.
      if (
        jobs &&
        links &&
        url.pathname.startsWith('/exports/jobs') &&
        (await handleJobRequest({ queue: jobs, service, authenticate, links, onError, ...(bodyTimeoutMs === undefined ? {} : { bodyTimeoutMs }) }, req, res))
      )
        return;
      if (req.method !== 'GET') {
        res
          .writeHead(405, { Allow: 'GET', 'Content-Type': 'application/json; charset=utf-8' })
          .end('{"error":{"code":"METHOD_NOT_ALLOWED","message":"Use GET"}}');
        return;
      }
      const controller = new AbortController();
      res.once('close', () => controller.abort());
      const spec = specFromUrl(url);
      const result = await resolveExport(service, await authenticate(req), spec, controller.signal, (principal) => limiter.hold(principal, res));
      await sendExport(res, result, onError, stallTimeoutMs);
    } catch (error) {
      sendError(res, error, onError);
    }
  });
}
