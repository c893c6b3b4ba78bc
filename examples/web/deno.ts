// A Deno server: `deno serve --allow-net examples/web/deno.ts`, then GET http://localhost:8000/.
import { contentDisposition, toXlsx } from 'rowport/web';
import { scores } from './rows.js';

export default {
  fetch(_request: Request): Response {
    return new Response(toXlsx(scores(), { sheetName: 'Scores', table: true }), {
      headers: { 'content-disposition': contentDisposition('scores.xlsx') },
    });
  },
};
