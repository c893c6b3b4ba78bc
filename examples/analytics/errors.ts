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
  /** No export at that path (HTTP). */
  NotFound: 'ANALYTICS_NOT_FOUND',
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
};

export class AnalyticsError extends Error {
  override readonly name = 'AnalyticsError';
  readonly code: AnalyticsErrorCode;
  /** The HTTP status that fits: 404 for an unknown student, class, report or path, else 400. */
  readonly status: number;

  constructor(code: AnalyticsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.status = STATUS[code];
  }
}

export function isAnalyticsError(error: unknown): error is AnalyticsError {
  return error instanceof AnalyticsError;
}
