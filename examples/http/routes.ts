import type { DateFormat } from 'rowport';
import { type Principal, authorize } from '../analytics/access.js';
import type { SqlParam } from '../analytics/db.js';
import { AnalyticsError, AnalyticsErrorCode } from '../analytics/errors.js';
import { type AnalyticsService, type ExportFormat, type ExportResult, REPORT_TYPES, type ReportType } from '../analytics/service.js';
import { type ExportSpec, type SpecOptions, runSpec } from '../analytics/spec.js';

/** The kinds of download, the first path segment after `/exports/`. */
export type DownloadKind = 'students' | 'classes' | 'reports' | 'metrics';

/**
 * Maps a download to an {@link ExportSpec}, shared by the node:http server and the Express app:
 *
 * | path | export |
 * |---|---|
 * | `/exports/students/:id.csv` | one student's lessons |
 * | `/exports/classes.csv?ids=1,2` | per-class aggregates (all classes without `ids`) |
 * | `/exports/reports/:type.csv` | `student`, `teacher-weekly`, `tutor-weekly` |
 * | `/exports/metrics.csv?limit=N` | the whole metrics table (at most N rows; a custom query: admins only) |
 *
 * `.xlsx` instead of `.csv` asks for a workbook. Query parameters: `from`, `to`, `columns` (comma
 * separated keys), `dateFormat`, `timeZone`, `delimiter`, `encoding`, `gzip=1`.
 * @param query - Reads one query parameter (`url.searchParams.get`, or Express's `req.query`).
 * @throws {AnalyticsError} 404 for an unknown path or report, 400 for a bad number.
 */
export function downloadSpec(kind: string, id: string | undefined, format: string, query: (name: string) => string | undefined, path: string): ExportSpec {
  if (format !== 'csv' && format !== 'xlsx') throw notFound(path);
  const options = specOptions(query, format);
  if (kind === 'students' && id !== undefined) {
    if (!/^\d{1,9}$/.test(id)) throw notFound(path);
    return { kind: 'student', studentId: Number(id), options };
  }
  if (kind === 'reports' && id !== undefined) {
    if (!(REPORT_TYPES as readonly string[]).includes(id))
      throw new AnalyticsError(AnalyticsErrorCode.UnknownReport, `Unknown report ${JSON.stringify(id)}: expected one of ${REPORT_TYPES.join(', ')}`);
    return { kind: 'report', report: id as ReportType, options };
  }
  if (kind === 'classes' && id === undefined) {
    const ids = query('ids');
    return { kind: 'classes', classIds: ids === undefined || ids === 'all' ? 'all' : ids.split(',').map(integer), options };
  }
  if (kind === 'metrics' && id === undefined) {
    const limit = query('limit');
    const params: SqlParam[] = limit === undefined ? [] : [integer(limit)];
    return {
      kind: 'query',
      sql: `SELECT * FROM metrics ORDER BY id${limit === undefined ? '' : ' LIMIT ?'}`,
      params,
      options: { ...options, name: 'metrics', types: { recorded_on: 'date', week_start: 'date', recorded_at: 'datetime', quiz_score: 'decimal' } },
    };
  }
  throw notFound(path);
}

/** The spec of a `node:http` request URL (see {@link downloadSpec}). */
export function specFromUrl(url: URL): ExportSpec {
  const match = ROUTE.exec(url.pathname);
  if (!match) throw notFound(url.pathname);
  const [, kind, id, format] = match as unknown as [string, DownloadKind, string | undefined, ExportFormat];
  return downloadSpec(kind, id, format, (name) => singleValue(name, url.searchParams.getAll(name)), url.pathname);
}

/**
 * The value of a query parameter from what the request gave for it (`searchParams.getAll`, or
 * Express's `req.query[name]`: a string, an array, an object): undefined when absent or not text.
 * @throws {AnalyticsError} `ANALYTICS_INVALID_OPTION` (400) for a parameter given more than once,
 *   whose values would otherwise be dropped or cut to the first without a word.
 */
export function singleValue(name: string, given: unknown): string | undefined {
  const values = Array.isArray(given) ? given : given === undefined ? [] : [given];
  if (values.length > 1)
    throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, `Invalid query parameter \`${name}\`: given ${values.length} times, expected once`);
  return typeof values[0] === 'string' ? values[0] : undefined;
}

/**
 * Checks that `principal` may run `spec` (`authorize`: 403 otherwise), then starts the export.
 * `hold` takes one of the principal's download places (see `DownloadLimiter`).
 * @throws {AnalyticsError} 401 without a principal, 429 past the cap, 403 for what is not theirs, and the service's own errors (before any byte).
 */
export async function resolveExport(
  service: AnalyticsService,
  principal: Principal | null,
  spec: ExportSpec,
  signal?: AbortSignal,
  hold?: (principal: Principal) => void,
): Promise<ExportResult> {
  if (!principal) throw unauthenticated();
  hold?.(principal); // the per-principal cap on direct downloads (429), before any query
  const scope = await authorize(service, principal, spec);
  return runSpec(service, spec, { signal }, scope);
}

/** A 404 in the service's error shape. */
export function notFound(path: string): AnalyticsError {
  return new AnalyticsError(AnalyticsErrorCode.NotFound, `No export at ${path}`);
}

/** A 401 in the service's error shape. */
export function unauthenticated(): AnalyticsError {
  return new AnalyticsError(AnalyticsErrorCode.Unauthenticated, 'Missing, invalid or expired credentials: send `Authorization: Bearer <token>`');
}

// --- internal ---

const ROUTE = /^\/exports\/(students|classes|reports|metrics)(?:\/([^/.]+))?\.([a-z]+)$/;

function specOptions(query: (name: string) => string | undefined, format: ExportFormat): SpecOptions {
  const columns = query('columns');
  const gzip = query('gzip');
  const options: SpecOptions = {
    format,
    from: query('from'),
    to: query('to'),
    columns: columns === undefined ? undefined : columns.split(','),
    dateFormat: query('dateFormat') as DateFormat | undefined,
    timeZone: query('timeZone'),
    delimiter: query('delimiter'),
    encoding: query('encoding'),
    gzip: gzip === '1' || gzip === 'true' ? true : undefined,
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as SpecOptions;
}

function integer(text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, `Expected a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}
