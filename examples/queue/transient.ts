import { isRowportError } from 'rowport';
import { DbUnavailableError } from '../analytics/db.js';
import { isAnalyticsError } from '../analytics/errors.js';

/** HTTP statuses of an object store that a later try can get past: timeout, throttling, server errors. */
const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** AWS SDK error names of the same kind. */
const RETRY_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ServiceUnavailable',
  'InternalError',
]);
/** Socket errors of a refused, lost or timed-out connection. */
const RETRY_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * True when a failed export can succeed if run again: a service that was unreachable or failed
 * in passing (the database: `DbUnavailableError`, Redis: `QUEUE_UNAVAILABLE`, the object store: a
 * refused or reset connection, a timeout, throttling, a 5xx). False for everything else, which would
 * fail the same way again: bad data (`RowportError`), bad specs and access (`AnalyticsError`), SQL
 * errors, read-only violations, statement timeouts, missing configuration ("Region is missing",
 * credentials) and programming errors. Follows `cause` (rowport's `ROWPORT_SOURCE_FAILED` wraps the driver's error).
 */
export function isTransient(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof DbUnavailableError || (current as { code?: unknown }).code === 'QUEUE_UNAVAILABLE') return true;
    if (isAnalyticsError(current)) return false;
    if (isRowportError(current) && current.code !== 'ROWPORT_SOURCE_FAILED' && current.code !== 'ROWPORT_WRITE_FAILED') return false;
    if (isServiceHiccup(current)) return true;
    current = current.cause;
  }
  return false;
}

// --- internal ---

function isServiceHiccup(error: Error): boolean {
  const { code, $metadata, $retryable } = error as { code?: unknown; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (typeof code === 'string' && RETRY_ERRNO.has(code)) return true;
  if ($retryable || RETRY_NAMES.has(error.name)) return true;
  return $metadata?.httpStatusCode !== undefined && RETRY_STATUS.has($metadata.httpStatusCode);
}
