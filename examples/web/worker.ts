// A Cloudflare Worker: GET /scores.xlsx (or .csv) streams the export; a client that hangs up stops the rows.
import { contentDisposition, exportFileName, toCsv, toXlsx } from 'rowport/web';
import { scores } from './rows.js';

export default {
  fetch(request: Request): Response {
    const csv = new URL(request.url).pathname.endsWith('.csv');
    const name = exportFileName('scores', csv ? 'csv' : 'xlsx', { date: new Date(Date.UTC(2024, 0, 15)) });
    const body = csv
      ? toCsv(scores())
      : toXlsx(scores(), { sheetName: 'Scores', columns: ['student', { key: 'score', type: 'percent' }, { key: 'day', type: 'date' }] });
    return new Response(body, {
      headers: {
        'content-type': csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': contentDisposition(name),
      },
    });
  },
};
