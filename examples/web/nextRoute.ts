// A Next.js edge route handler: app/api/scores/route.ts.
import { contentDisposition, toXlsx } from 'rowport/web';
import { scores } from './rows.js';

export const runtime = 'edge';

export function GET(request: Request): Response {
  const body = toXlsx(scores(), { sheetName: 'Scores', signal: request.signal });
  return new Response(body, { headers: { 'content-disposition': contentDisposition('scores.xlsx') } });
}
