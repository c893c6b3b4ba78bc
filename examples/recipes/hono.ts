import { Readable } from 'node:stream';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { type Authenticate, errorBody, openDownload } from './download.js';
import { type StudentSource, formatOf, studentExport } from './rows.js';

/**
 * Hono (on Node through `@hono/node-server`): the route returns a `Response` whose body is the
 * export as a web `ReadableStream` (`Readable.toWeb`); cancelling it destroys the export. The first
 * chunk is awaited first (see `openDownload`). On Node, a body stream that fails after the headers
 * would end the response as if it were whole: the recipe destroys the connection instead.
 * @example
 * serve({ fetch: createHonoApp(() => cursorRows(pool), authenticate).fetch, port: 3000 });
 */
export function createHonoApp(source: StudentSource, authenticate: Authenticate): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.get('/:file', async (c) => {
    if (!authenticate(c.req.header('authorization'))) return c.json(errorBody('UNAUTHORIZED'), 401);
    const match = /^students\.([a-z]+)$/.exec(c.req.param('file'));
    const format = formatOf(match?.[1]);
    if (!format) return c.json(errorBody('NOT_FOUND'), 404);
    try {
      const { headers, body } = await openDownload(studentExport(source(), format), 'students', format);
      body.once('error', () => c.env.outgoing.destroy()); // never a short file that ends like a whole one
      return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { headers });
    } catch {
      return c.json(errorBody('EXPORT_FAILED'), 500);
    }
  });
  return app;
}
