import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentDisposition, isRowportError } from 'rowport';
import { DbUnavailableError } from '../analytics/db.js';
import { isAnalyticsError } from '../analytics/errors.js';
import type { ExportResult } from '../analytics/service.js';

/**
 * Streams an export as a download. The first chunk is awaited before the status line, so an error
 * before the first byte (a failed query, a bad value in row 1) is still a JSON error; after it, the
 * connection is destroyed, so the client never takes a truncated file for a whole one. When the
 * client hangs up, the export stream is destroyed, which closes the database cursor.
 */
export async function sendExport(res: ServerResponse, result: ExportResult): Promise<void> {
  const { stream, fileName, contentType } = result;
  const hangUp = () => {
    if (!res.writableFinished) stream.destroy();
  };
  res.once('close', hangUp);
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: IteratorResult<Buffer>;
  try {
    first = await chunks.next();
  } catch (error) {
    sendError(res, error);
    return;
  }
  if (res.destroyed) return void chunks.return?.();
  res.writeHead(200, {
    'Content-Type': contentType,
    'Content-Disposition': contentDisposition(fileName),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  try {
    await pipeline(resume(first, chunks), res);
  } catch {
    res.destroy(); // mid-stream failure or hang-up: never end the response normally
  } finally {
    res.off('close', hangUp);
  }
}

/** The JSON body and status for an error before the first byte. */
export function errorResponse(error: unknown): { status: number; body: { error: { code: string; message: string } } } {
  const unavailable = [error, (error as { cause?: unknown } | undefined)?.cause].find((e) => e instanceof DbUnavailableError);
  if (unavailable instanceof DbUnavailableError) return { status: 503, body: { error: { code: unavailable.code, message: unavailable.message } } };
  if (isAnalyticsError(error)) return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  if (isRowportError(error) && error.code === 'ROWPORT_INVALID_OPTION') return { status: 400, body: { error: { code: error.code, message: error.message } } };
  if (isRowportError(error)) return { status: 500, body: { error: { code: error.code, message: error.message } } };
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'The export failed' } } };
}

/** Answers with {@link errorResponse}, or destroys the connection when bytes were already sent. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const { status, body } = errorResponse(error);
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

// --- internal ---

async function* resume(first: IteratorResult<Buffer>, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  let done = first.done === true;
  try {
    if (!done) yield first.value;
    while (!done) {
      const next = await rest.next();
      done = next.done === true;
      if (!done) yield next.value;
    }
  } finally {
    if (!done) await rest.return?.(); // destroys the export stream, which closes the cursor
  }
}
