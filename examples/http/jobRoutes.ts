import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentDisposition } from 'rowport';
import { type Principal, authorize } from '../analytics/access.js';
import { AnalyticsError, AnalyticsErrorCode } from '../analytics/errors.js';
import type { AnalyticsService } from '../analytics/service.js';
import { type ExportSpec, checkSpecKeys } from '../analytics/spec.js';
import type { Authenticate, TokenAuth } from '../auth/tokens.js';
import { type ExportQueue, type ExportStatus, isJobId } from '../queue/exportQueue.js';
import { unauthenticated } from './routes.js';
import { type ErrorLog, sendError } from './sendExport.js';

/** What the job routes need. */
export interface JobRoutesContext {
  readonly queue: ExportQueue;
  readonly service: AnalyticsService;
  readonly authenticate: Authenticate;
  readonly links: Pick<TokenAuth, 'signLink' | 'verifyLink'>;
  readonly onError: ErrorLog;
  /** How long a signed download link (and an object store's presigned URL) stays valid. @default 15 minutes */
  readonly linkTtlMs?: number;
  /** How long a request body may take to arrive; then 408 and the connection is closed. @default 10000 */
  readonly bodyTimeoutMs?: number;
}

/**
 * Background exports over HTTP, for the `node:http` server of `examples/http`:
 *
 * | request | answer |
 * |---|---|
 * | `POST /exports/jobs` with a JSON {@link ExportSpec} | 202 `{ jobId, statusUrl }`; 401, 403, 429 (`Retry-After`) |
 * | `GET /exports/jobs/:id` | 200 the {@link ExportStatus} with a signed `downloadUrl` once done |
 * | `GET /exports/jobs/:id/download?expires=…&sig=…` | the file (or a redirect to the store's presigned URL); no bearer token needed; 403 when expired or tampered |
 * | `DELETE /exports/jobs/:id` | 202 when cancelled |
 *
 * Every route but the signed download needs a principal (401); a job that is not the principal's
 * (unless an admin) is answered 404, exactly as a job that does not exist.
 * Returns false when the path is not a job route, so the server can go on to its other routes.
 */
export async function handleJobRequest(context: JobRoutesContext, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const { queue, service, authenticate, links, onError, linkTtlMs = 15 * 60_000, bodyTimeoutMs = 10_000 } = context;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = /^\/exports\/jobs(?:\/([^/]+)(\/download)?)?$/.exec(url.pathname);
  if (!match) return false;
  const [, rawId, download] = match;
  try {
    const jobId = rawId === undefined ? undefined : decodeId(rawId);
    if (jobId !== undefined && download && req.method === 'GET') {
      const signed = url.searchParams.has('sig') || url.searchParams.has('expires');
      if (signed && !links.verifyLink(jobId, url.searchParams.get('expires'), url.searchParams.get('sig'))) {
        throw new AnalyticsError(AnalyticsErrorCode.InvalidLink, 'This download link is expired or was altered: ask the job status for a new one');
      }
      const file = await queue.getExportFile(jobId, signed ? 'signed-link' : await principalOf(authenticate, req));
      if (!file) throw jobNotFound(jobId);
      if (queue.store.presign) {
        const location = await queue.store.presign(file.key, {
          fileName: file.fileName,
          contentType: file.contentType,
          expiresInSeconds: presignSeconds(linkTtlMs, signed ? url.searchParams.get('expires') : null),
        });
        res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' }).end();
        return true;
      }
      const body = await queue.store.open(file.key);
      try {
        res.writeHead(200, {
          'Content-Type': file.contentType,
          'Content-Disposition': contentDisposition(file.fileName),
          'Content-Length': file.bytes,
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
      } catch (error) {
        body.destroy(); // the stored file is not left open (one descriptor a request) when the headers fail
        throw error;
      }
      await pipeline(body, res).catch(() => res.destroy());
      return true;
    }
    const principal = await principalOf(authenticate, req);
    if (jobId === undefined && req.method === 'POST') {
      const spec = parseSpec(await readBody(req, BODY_LIMIT, bodyTimeoutMs));
      const scope = await authorize(service, principal, spec);
      const id = await queue.enqueueExport(spec, principal, scope);
      return json(res, 202, { jobId: id, statusUrl: `/exports/jobs/${encodeURIComponent(id)}` });
    }
    if (jobId !== undefined && !download && req.method === 'GET') {
      const status = await queue.getExportStatus(jobId, principal);
      if (status.state === 'unknown') throw jobNotFound(jobId);
      const downloadUrl = status.fileName === undefined ? undefined : `/exports/jobs/${encodeURIComponent(jobId)}/download?${links.signLink(jobId, linkTtlMs)}`;
      return json(res, 200, { ...status, ...(downloadUrl ? { downloadUrl } : {}) } satisfies ExportStatus & { downloadUrl?: string });
    }
    if (jobId !== undefined && !download && req.method === 'DELETE') {
      if (!(await queue.cancelExport(jobId, principal))) throw jobNotFound(jobId);
      return json(res, 202, { jobId, cancelled: true });
    }
    return json(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${req.method} ${url.pathname}` } });
  } catch (error) {
    // The rest of a refused body is never read: close the connection once the answer is out.
    if ((error as { status?: number }).status === 408 || (error as { status?: number }).status === 413) res.setHeader('Connection', 'close');
    sendError(res, error, onError);
    return true;
  }
}

// --- internal ---

/** Bytes a job's JSON spec may have. */
const BODY_LIMIT = 64 * 1024;
/** Levels of nesting a spec may have (a real one has 3 or 4). */
const MAX_DEPTH = 32;

async function principalOf(authenticate: Authenticate, req: IncomingMessage): Promise<Principal> {
  const principal = await authenticate(req);
  if (!principal) throw unauthenticated();
  return principal;
}

/**
 * The job id of a path segment, checked for the shape of the ids the queue makes before Redis is
 * asked: a malformed escape (`%zz`) or another name (`events`, BullMQ's own keys) is no job: 404.
 */
function decodeId(raw: string): string {
  if (!isJobId(raw)) throw jobNotFound(raw.slice(0, 64));
  return raw;
}

/**
 * Whole seconds the object store's presigned URL lasts: `linkTtlMs`, and no longer than the signed
 * link it was asked through (`expires`, in ms, checked by then), so that it does not outlive that
 * link (by more than the one second it always gets).
 */
function presignSeconds(linkTtlMs: number, expires: string | null): number {
  const left = expires === null ? linkTtlMs : Math.min(linkTtlMs, Number(expires) - Date.now());
  return Math.max(1, Math.floor(left / 1000));
}

function jobNotFound(jobId: string): AnalyticsError {
  return new AnalyticsError(AnalyticsErrorCode.NotFound, `No job ${jobId}, or it has no finished file`);
}

function parseSpec(text: string): ExportSpec {
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch {
    // answered below
  }
  if (spec !== null && typeof spec === 'object' && !Array.isArray(spec)) {
    if (depth(spec) > MAX_DEPTH) throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, `Invalid request body: nested deeper than ${MAX_DEPTH} levels`);
    checkSpecKeys(spec);
    return spec as ExportSpec;
  }
  throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, 'Invalid request body: expected a JSON export spec such as {"kind":"student","studentId":42}');
}

/** How deeply a parsed JSON value nests, measured without recursion (so no depth can overflow the stack). */
function depth(value: object): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, level] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    if (level > deepest) deepest = level;
    if (deepest > MAX_DEPTH) break;
    for (const child of Object.values(item)) stack.push([child, level + 1]);
  }
  return deepest;
}

function json(res: ServerResponse, status: number, body: unknown): true {
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' })
    .end(text);
  return true;
}

/**
 * Reads a request body as bytes and decodes it once, as UTF-8, at the end (a character split
 * across TCP writes stays whole). Over `limit` bytes (declared or sent) is 413; not all there after
 * `timeoutMs` is 408; bytes that are not UTF-8 are 400.
 */
function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const finish = (error?: Error) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', finish);
      if (!error) {
        const text = decodeUtf8(Buffer.concat(chunks));
        return typeof text === 'string' ? resolve(text) : reject(text);
      }
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) finish(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => finish();
    const timer = setTimeout(
      () => finish(new AnalyticsError(AnalyticsErrorCode.RequestTimeout, `Request body not received within ${timeoutMs} ms`)),
      timeoutMs,
    );
    req.on('data', onData).once('end', onEnd).once('error', finish);
  });
}

/** The text of UTF-8 bytes, or the 400 to answer for bytes that are not UTF-8. */
function decodeUtf8(bytes: Buffer): string | AnalyticsError {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return new AnalyticsError(AnalyticsErrorCode.InvalidOption, 'Invalid request body: not UTF-8', { cause: error });
  }
}

function tooLarge(limit: number): AnalyticsError {
  return new AnalyticsError(AnalyticsErrorCode.PayloadTooLarge, `Request body too large: at most ${limit} bytes`);
}
