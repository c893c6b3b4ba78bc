import Koa from 'koa';
import { type Authenticate, errorBody, openDownload } from './download.js';
import { type StudentSource, formatOf, studentExport } from './rows.js';

/**
 * Koa 3: a stream as `ctx.body` is piped to the response, which Koa destroys when the stream
 * fails. The first chunk is awaited first (see `openDownload`).
 * @example
 * createKoaApp(() => cursorRows(pool), authenticate).listen(3000);
 */
export function createKoaApp(source: StudentSource, authenticate: Authenticate): Koa {
  const app = new Koa();
  app.on('error', () => undefined); // a client that hangs up mid-download is not a server error
  app.use(async (ctx) => {
    if (!authenticate(ctx.get('authorization') || undefined)) return void Object.assign(ctx, { status: 401, body: errorBody('UNAUTHORIZED') });
    const match = /^\/students\.([a-z]+)$/.exec(ctx.path);
    const format = formatOf(match?.[1]);
    if (ctx.method !== 'GET' || !format) return void Object.assign(ctx, { status: 404, body: errorBody('NOT_FOUND') });
    try {
      const { headers, body } = await openDownload(studentExport(source(), format), 'students', format);
      ctx.set(headers);
      ctx.body = body;
    } catch {
      ctx.status = 500;
      ctx.body = errorBody('EXPORT_FAILED');
    }
  });
  return app;
}
