import type { DateFormat } from 'rowport';
import type { SqlParam } from '../analytics/db.js';
import { AnalyticsError, AnalyticsErrorCode } from '../analytics/errors.js';
import { type AnalyticsService, type ExportFormat, type ExportOptions, type ExportResult, REPORT_TYPES, type ReportType } from '../analytics/service.js';

/**
 * Maps a download URL to an export of the analytics service, shared by the node:http server and
 * the Express app:
 *
 * | path | export |
 * |---|---|
 * | `/exports/students/:id.csv` | one student's lessons |
 * | `/exports/classes.csv?ids=1,2` | per-class aggregates (all classes without `ids`) |
 * | `/exports/reports/:type.csv` | `student`, `teacher-weekly`, `tutor-weekly` |
 * | `/exports/metrics.csv?limit=N` | the whole metrics table (at most N rows) |
 *
 * `.xlsx` instead of `.csv` asks for a workbook. Query parameters: `from`, `to`, `columns` (comma
 * separated keys), `dateFormat`, `timeZone`, `delimiter`, `encoding`, `gzip=1`.
 * @throws {AnalyticsError} 404 for an unknown path, and the service's own errors (before any byte).
 */
export async function resolveExport(service: AnalyticsService, url: URL, signal?: AbortSignal): Promise<ExportResult> {
  const match = ROUTE.exec(url.pathname);
  if (!match) throw notFound(url.pathname);
  const [, kind, id, format] = match as unknown as [string, string, string | undefined, ExportFormat];
  const options = exportOptions(url.searchParams, format, signal);
  if (kind === 'students' && id !== undefined) {
    if (!/^\d{1,9}$/.test(id)) throw notFound(url.pathname);
    return service.exportStudentAnalytics(Number(id), options);
  }
  if (kind === 'reports' && id !== undefined) {
    if (!(REPORT_TYPES as readonly string[]).includes(id)) throw new AnalyticsError(AnalyticsErrorCode.UnknownReport, `Unknown report ${JSON.stringify(id)}: expected one of ${REPORT_TYPES.join(', ')}`);
    return service.exportReport(id as ReportType, options);
  }
  if (kind === 'classes' && id === undefined) {
    const ids = url.searchParams.get('ids');
    return service.exportClassAnalytics(ids === null || ids === 'all' ? 'all' : ids.split(',').map(integer), options);
  }
  if (kind === 'metrics' && id === undefined) {
    const limit = url.searchParams.get('limit');
    const params: SqlParam[] = limit === null ? [] : [integer(limit)];
    return service.exportCustomQuery(`SELECT * FROM metrics ORDER BY id${limit === null ? '' : ' LIMIT ?'}`, params, {
      ...options,
      name: 'metrics',
      types: { recorded_on: 'date', week_start: 'date', recorded_at: 'datetime', quiz_score: 'decimal' },
    });
  }
  throw notFound(url.pathname);
}

/** A 404 in the service's error shape. */
export function notFound(path: string): AnalyticsError {
  return new AnalyticsError(AnalyticsErrorCode.NotFound, `No export at ${path}`);
}

// --- internal ---

const ROUTE = /^\/exports\/(students|classes|reports|metrics)(?:\/([^/.]+))?\.(csv|xlsx)$/;

function exportOptions(query: URLSearchParams, format: ExportFormat, signal: AbortSignal | undefined): ExportOptions {
  const get = (name: string) => query.get(name) ?? undefined;
  const columns = get('columns');
  return {
    format,
    from: get('from'),
    to: get('to'),
    columns: columns === undefined ? undefined : columns.split(','),
    dateFormat: get('dateFormat') as DateFormat | undefined,
    timeZone: get('timeZone'),
    delimiter: get('delimiter'),
    encoding: get('encoding'),
    gzip: query.get('gzip') === '1' || query.get('gzip') === 'true',
    signal,
  };
}

function integer(text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, `Expected a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}
