import Fastify, { type FastifyInstance } from 'fastify';
import { type Authenticate, errorBody, openDownload } from './download.js';
import { type StudentSource, formatOf, studentExport } from './rows.js';

/**
 * Fastify 5: `reply.send(stream)` streams the export; Fastify destroys the response when the
 * stream fails after the headers. The first chunk is awaited first (see `openDownload`).
 * @example
 * await createFastifyApp(() => cursorRows(pool), authenticate).listen({ port: 3000 });
 */
export function createFastifyApp(source: StudentSource, authenticate: Authenticate): FastifyInstance {
  const app = Fastify();
  app.get<{ Params: { format: string } }>('/students.:format', async (request, reply) => {
    if (!authenticate(request.headers.authorization)) return reply.code(401).send(errorBody('UNAUTHORIZED'));
    const format = formatOf(request.params.format);
    if (!format) return reply.code(404).send(errorBody('NOT_FOUND'));
    try {
      const { headers, body } = await openDownload(studentExport(source(), format), 'students', format);
      return reply.headers(headers).send(body);
    } catch {
      return reply.code(500).send(errorBody('EXPORT_FAILED'));
    }
  });
  return app;
}
