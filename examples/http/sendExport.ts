import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentDisposition, isRowportError } from 'rowport';
import { DbUnavailableError } from '../analytics/db.js';
import { isAnalyticsError } from '../analytics/errors.js';
import type { ExportResult } from '../analytics/service.js';
import { isTransient } from '../queue/transient.js';

/** How long a download waits for a client that takes no byte before it cuts the connection. */
export const STALL_TIMEOUT_MS = 60_000;

/**
 * Streams an export as a download. The first chunk is awaited before the status line, so an error
 * before the first byte (a failed query, a bad value in row 1) is still a JSON error; after it, the
 * connection is destroyed, so the client never takes a truncated file for a whole one. When the
 * client hangs up, the export stream is destroyed, which closes the database cursor; so it is when
 * the client stops reading: bytes waiting for it for `stallTimeoutMs` cut the connection (a slow
 * database between chunks does not, as nothing then waits for the client).
 */
export async function sendExport(
  res: ServerResponse,
  result: ExportResult,
  onError: ErrorLog = logError,
  stallTimeoutMs: number = STALL_TIMEOUT_MS,
): Promise<void> {
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
    sendError(res, error, onError);
    return;
  }
  if (res.destroyed) return void chunks.return?.();
  res.writeHead(200, {
    'Content-Type': contentType,
    'Content-Disposition': contentDisposition(fileName),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  // The socket sent nothing for that long: if it is because the client takes nothing, cut it (the
  // cursor and its database connection would be held for as long as the client stays silent).
  res.setTimeout(stallTimeoutMs, () => {
    if (res.writableNeedDrain) resetConnection(res);
  });
  try {
    // A failure resets the connection before pipeline closes it: never end the response normally.
    await pipeline(
      resume(first, chunks, () => resetConnection(res)),
      res,
    );
  } catch {
    res.destroy(); // mid-stream failure or hang-up
  } finally {
    res.off('close', hangUp);
  }
}

/** Where a server error goes: the log, under the request id its client was given. */
export type ErrorLog = (error: unknown, requestId: string) => void;

/** The default {@link ErrorLog}: one line on stderr with the request id, then the error (stack, cause). */
export const logError: ErrorLog = (error, requestId) => console.error(`[rowport-export] request ${requestId} failed:`, error);

/** The body of an error answer: what was wrong (4xx), or only a code and a request id (5xx). */
export type ErrorBody = { error: { code: string; message: string } } | { error: { code: string; requestId: string } };

/** RowportError codes that are the client's doing (its options), answered 400 with their message. */
const CLIENT_CODES = new Set(['ROWPORT_INVALID_OPTION', 'ROWPORT_UNMAPPABLE_CHARACTER']);

/**
 * The JSON body and status for an error before the first byte. A 4xx says what was wrong; a 5xx
 * carries only a code and a request id: its message (which may hold SQL, a host name or a stack)
 * is for the log, never for the client.
 */
export function errorResponse(error: unknown, requestId: string): { status: number; body: ErrorBody; retryAfter?: number } {
  const unavailable = [error, (error as { cause?: unknown } | undefined)?.cause].find(
    (e) => e instanceof DbUnavailableError || (e as { code?: unknown } | undefined)?.code === 'QUEUE_UNAVAILABLE',
  );
  if (unavailable) return { status: 503, body: { error: { code: (unavailable as { code: string }).code, requestId } } };
  if (isAnalyticsError(error))
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message } },
      ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    };
  // The client's options: one refused, or a character of the data the client's chosen encoding cannot hold.
  if (isRowportError(error) && CLIENT_CODES.has(error.code)) return { status: 400, body: { error: { code: error.code, message: error.message } } };
  // A dependency that did not answer (the object store refusing connections, a reset): try again later.
  if (isTransient(error)) return { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', requestId } }, retryAfter: 5 };
  // A client error raised by Express itself (a path parameter that is not valid percent-encoding: 400).
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return { status, body: { error: { code: 'BAD_REQUEST', message: (error as Error).message } } };
  return { status: 500, body: { error: { code: 'INTERNAL', requestId } } };
}

/**
 * Answers with {@link errorResponse} (a 5xx is logged through `onError` with its request id, also
 * sent as `X-Request-Id`), or resets the connection when bytes were already sent.
 */
export function sendError(res: ServerResponse, error: unknown, onError: ErrorLog = logError): void {
  const requestId = randomUUID();
  if (res.headersSent || res.destroyed) {
    onError(error, requestId);
    resetConnection(res);
    return;
  }
  const { status, body, retryAfter } = errorResponse(error, requestId);
  if (status >= 500) onError(error, requestId);
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...(status >= 500 ? { 'X-Request-Id': requestId } : {}),
    ...(status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}),
    ...(retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) }),
  });
  res.end(text);
}

// --- internal ---

/**
 * Cuts the connection of a response that cannot be finished with a reset (RST), not a close (FIN).
 * An HTTP/1.1 client would see the chunked body's end missing either way; an HTTP/1.0 one (nginx's
 * `proxy_pass` by default) has only the close to go by, and would take a CSV cut at a row for the whole file.
 */
function resetConnection(res: ServerResponse): void {
  try {
    if (res.socket && !res.socket.destroyed) res.socket.resetAndDestroy();
  } catch {
    // not a TCP socket (TLS, a pipe): destroyed below
  }
  res.destroy();
}

/** The export's chunks, `first` first; `failed` runs when the export fails, before the error goes on. */
async function* resume(first: IteratorResult<Buffer>, rest: AsyncIterator<Buffer>, failed: () => void): AsyncGenerator<Buffer> {
  let done = first.done === true;
  try {
    if (!done) yield first.value;
    while (!done) {
      const next = await rest.next().catch((error: unknown) => {
        failed();
        throw error;
      });
      done = next.done === true;
      if (!done) yield next.value;
    }
  } finally {
    if (!done) await rest.return?.(); // destroys the export stream, which closes the cursor
  }
}
