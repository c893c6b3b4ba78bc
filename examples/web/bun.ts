// A Bun server: `bun run examples/web/bun.ts`, then GET http://localhost:3000/.
import { contentDisposition, toCsv } from 'rowport/web';
import { scores } from './rows.js';

export default {
  port: 3000,
  fetch(_request: Request): Response {
    return new Response(toCsv(scores(), { dateFormat: 'iso' }), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition('scores.csv') },
    });
  },
};
