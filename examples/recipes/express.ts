import express, { type Express } from 'express';
import { pipeline } from 'node:stream/promises';
import { type Authenticate, errorBody, openDownload } from './download.js';
import { type StudentSource, formatOf, studentExport } from './rows.js';

/**
 * Express 5: `GET /students.csv` and `GET /students.xlsx` stream the export. The first chunk is
 * awaited before the headers (see `openDownload`), so a failure before it is a 500 JSON answer.
 * @example
 * createExpressApp(() => cursorRows(pool), authenticate).listen(3000);
 */
export function createExpressApp(source: StudentSource, authenticate: Authenticate): Express {
  const app = express();
  app.get('/students.:format', async (req, res) => {
    if (!authenticate(req.get('authorization'))) return void res.status(401).json(errorBody('UNAUTHORIZED'));
    const format = formatOf(req.params.format);
    if (!format) return void res.status(404).json(errorBody('NOT_FOUND'));
    try {
      const { headers, body } = await openDownload(studentExport(source(), format), 'students', format);
      res.set(headers);
      await pipeline(body, res).catch(() => res.destroy()); // mid-stream: cut, never end a short file normally
    } catch {
      res.status(500).json(errorBody('EXPORT_FAILED'));
    }
  });
  return app;
}
