import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentDisposition } from 'rowport';
import { CSV_TYPE, GZIP_TYPE, XLSX_TYPE } from '../analytics/service.js';
import type { ExportQueue } from './exportQueue.js';
import type { ExportSpec } from './spec.js';

/**
 * Background exports over HTTP, for the `node:http` server of `examples/http`:
 *
 * | request | answer |
 * |---|---|
 * | `POST /exports/jobs` with a JSON {@link ExportSpec} | 202 `{ jobId, statusUrl }` |
 * | `GET /exports/jobs/:id` | 200 the {@link ExportStatus} (poll it) |
 * | `GET /exports/jobs/:id/download` | 200 the finished file, streamed, with `contentDisposition` |
 * | `DELETE /exports/jobs/:id` | 202 when cancelled |
 *
 * Returns false when the path is not a job route, so the server can go on to its other routes.
 */
export async function handleJobRequest(queue: ExportQueue, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const match = /^\/exports\/jobs(?:\/([^/]+)(\/download)?)?$/.exec(pathname);
  if (!match) return false;
  const [, rawId, download] = match;
  const jobId = rawId === undefined ? undefined : decodeURIComponent(rawId);
  try {
    if (jobId === undefined && req.method === 'POST') {
      const spec = JSON.parse(await readBody(req)) as ExportSpec;
      const id = await queue.enqueueExport(spec);
      return json(res, 202, { jobId: id, statusUrl: `/exports/jobs/${encodeURIComponent(id)}` });
    }
    if (jobId !== undefined && !download && req.method === 'GET') {
      const status = await queue.getExportStatus(jobId);
      return json(res, status.state === 'unknown' ? 404 : 200, status);
    }
    if (jobId !== undefined && !download && req.method === 'DELETE') {
      return (await queue.cancelExport(jobId)) ? json(res, 202, { jobId, cancelled: true }) : json(res, 404, { error: { code: 'JOB_NOT_FOUND', message: `No job ${jobId} to cancel` } });
    }
    if (jobId !== undefined && download && req.method === 'GET') {
      const file = await queue.getExportFile(jobId);
      if (!file) return json(res, 404, { error: { code: 'NOT_READY', message: `Job ${jobId} has no finished file` } });
      res.writeHead(200, {
        'Content-Type': file.fileName.endsWith('.xlsx') ? XLSX_TYPE : file.fileName.endsWith('.gz') ? GZIP_TYPE : `${CSV_TYPE}; charset=utf-8`,
        'Content-Disposition': contentDisposition(file.fileName),
        'Content-Length': file.bytes,
      });
      await pipeline(createReadStream(file.path), res).catch(() => res.destroy());
      return true;
    }
    return json(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${req.method} ${pathname}` } });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const status = error instanceof SyntaxError ? 400 : code === 'QUEUE_UNAVAILABLE' ? 503 : 500;
    return json(res, status, { error: { code: error instanceof SyntaxError ? 'INVALID_JSON' : (code ?? 'INTERNAL'), message: (error as Error).message } });
  }
}

// --- internal ---

function json(res: ServerResponse, status: number, body: unknown): true {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' }).end(text);
  return true;
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > limit) throw new SyntaxError('Request body too large');
  }
  return text;
}
