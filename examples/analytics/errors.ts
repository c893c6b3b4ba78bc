/**
 * Errors of the analytics service, raised before any byte is written. They follow rowport's
 * `RowportError` shape (a stable `code`, a message saying what was expected and what came) and add
 * the HTTP `status` a server should answer with. Invalid writer options surface as rowport's own
 * `RowportError` (`ROWPORT_INVALID_OPTION`), also before any byte.
 */
export const AnalyticsErrorCode = {
  UnknownStudent: 'ANALYTICS_UNKNOWN_STUDENT',
  UnknownClass: 'ANALYTICS_UNKNOWN_CLASS',
  UnknownReport: 'ANALYTICS_UNKNOWN_REPORT',
  UnknownColumn: 'ANALYTICS_UNKNOWN_COLUMN',
  InvalidRange: 'ANALYTICS_INVALID_RANGE',
  InvalidQuery: 'ANALYTICS_INVALID_QUERY',
  InvalidOption: 'ANALYTICS_INVALID_OPTION',
  /** No export at that path (HTTP), or a job that is not the caller's. */
  NotFound: 'ANALYTICS_NOT_FOUND',
  /** No credentials, or credentials that are invalid or expired (HTTP 401). */
  Unauthenticated: 'ANALYTICS_UNAUTHENTICATED',
  /** A known principal asking for data that is not theirs (HTTP 403). */
  Forbidden: 'ANALYTICS_FORBIDDEN',
  /** A download link whose signature does not match or whose time is up (HTTP 403). */
  InvalidLink: 'ANALYTICS_INVALID_LINK',
  /** The principal already has the most running exports allowed (HTTP 429, with `retryAfter`). */
  TooManyExports: 'ANALYTICS_TOO_MANY_EXPORTS',
  /** A request body over its byte limit (HTTP 413). */
  PayloadTooLarge: 'ANALYTICS_PAYLOAD_TOO_LARGE',
  /** A request body that did not arrive in time (HTTP 408). */
  RequestTimeout: 'ANALYTICS_REQUEST_TIMEOUT',
} as const;
export type AnalyticsErrorCode = (typeof AnalyticsErrorCode)[keyof typeof AnalyticsErrorCode];

const STATUS: Record<AnalyticsErrorCode, number> = {
  ANALYTICS_UNKNOWN_STUDENT: 404,
  ANALYTICS_UNKNOWN_CLASS: 404,
  ANALYTICS_UNKNOWN_REPORT: 404,
  ANALYTICS_UNKNOWN_COLUMN: 400,
  ANALYTICS_INVALID_RANGE: 400,
  ANALYTICS_INVALID_QUERY: 400,
  ANALYTICS_INVALID_OPTION: 400,
  ANALYTICS_NOT_FOUND: 404,
  ANALYTICS_UNAUTHENTICATED: 401,
  ANALYTICS_FORBIDDEN: 403,
  ANALYTICS_INVALID_LINK: 403,
  ANALYTICS_TOO_MANY_EXPORTS: 429,
  ANALYTICS_PAYLOAD_TOO_LARGE: 413,
  ANALYTICS_REQUEST_TIMEOUT: 408,
};

export class AnalyticsError extends Error {
  override readonly name = 'AnalyticsError';
  readonly code: AnalyticsErrorCode;
  /** The HTTP status that fits: 404 for an unknown student, class, report or path, 401/403/429 for access, else 400. */
  readonly status: number;
  /** Seconds after which a retry may succeed (`Retry-After`), for `ANALYTICS_TOO_MANY_EXPORTS`. */
  readonly retryAfter: number | undefined;

  constructor(code: AnalyticsErrorCode, message: string, options?: { cause?: unknown; retryAfter?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = STATUS[code];
    this.retryAfter = options?.retryAfter;
  }
}

export function isAnalyticsError(error: unknown): error is AnalyticsError {
  return error instanceof AnalyticsError;
}
