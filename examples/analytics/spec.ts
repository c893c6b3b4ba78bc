import { createHash } from 'node:crypto';
import type { ProgressInfo } from 'rowport';
import type { SqlParam } from './db.js';
import { AnalyticsError, AnalyticsErrorCode } from './errors.js';
import type { AnalyticsService, ComprehensiveOptions, CustomQueryOptions, ExportOptions, ExportResult, ReportType } from './service.js';

/** Export options that survive JSON (no callbacks, no signal): what a job carries. */
export type SpecOptions = Pick<
  ExportOptions,
  'format' | 'columns' | 'dateFormat' | 'timeZone' | 'from' | 'to' | 'delimiter' | 'encoding' | 'unmappable' | 'gzip'
>;

/** One export, as data: queued, hashed for the cache, replayed by a worker. */
export type ExportSpec =
  | { readonly kind: 'student'; readonly studentId: number; readonly options?: SpecOptions }
  | { readonly kind: 'classes'; readonly classIds: readonly number[] | 'all'; readonly options?: SpecOptions }
  | { readonly kind: 'report'; readonly report: ReportType; readonly options?: SpecOptions }
  | {
      readonly kind: 'query';
      readonly sql: string;
      readonly params?: readonly SqlParam[];
      readonly options?: SpecOptions & Pick<CustomQueryOptions, 'types' | 'name'>;
    }
  | { readonly kind: 'comprehensive'; readonly options?: Omit<ComprehensiveOptions, 'onProgress' | 'signal'> };

/**
 * What `authorize` decided a principal may see of a spec, applied when the spec runs: a teacher's
 * `teacher-weekly` report holds only their own classes. Comes from the server, never from the client.
 */
export interface ExportScope {
  readonly teacherId?: number | undefined;
}

/**
 * A stable hash of a spec and the scope it runs in: the same query, parameters, options and
 * scope give the same hash, whatever the key order. Pass the principal's scope (`scopeKey`) so a
 * cached file never reaches another principal.
 */
export function specHash(spec: ExportSpec, scope = ''): string {
  return createHash('sha256').update(scope).update('\0').update(canonical(spec)).digest('hex');
}

/**
 * Checks that a spec from a client (a job's JSON body) has only the fields of its kind and only
 * the options its export takes: a misspelt one (`form` for `from`, `option`) would be dropped
 * without a word, and the export would be of something other than what was asked. A spec of an
 * unknown kind is left to `authorize` and `runSpec`, which refuse it as such.
 * @throws {AnalyticsError} `ANALYTICS_INVALID_OPTION` naming the unknown key and the known ones.
 */
export function checkSpecKeys(spec: object): void {
  const kind = (spec as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !Object.hasOwn(SPEC_KEYS, kind)) return;
  const known = SPEC_KEYS[kind as ExportSpec['kind']];
  onlyKeys(spec, ['kind', 'options', ...known.fields], `A ${kind} spec has no field`);
  const { options } = spec as { options?: unknown };
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, `Invalid field \`options\`: expected an object, got ${JSON.stringify(options)}`);
  onlyKeys(options, known.options, `A ${kind} export has no option`);
}

/** Runs a spec on the service, within the scope `authorize` gave it. */
export function runSpec(
  service: AnalyticsService,
  spec: ExportSpec,
  live: { onProgress?: ((p: ProgressInfo) => void) | undefined; signal?: AbortSignal | undefined },
  scope: ExportScope = {},
): Promise<ExportResult> {
  switch (spec?.kind) {
    case 'student':
      return service.exportStudentAnalytics(spec.studentId, { ...spec.options, ...live });
    case 'classes':
      return service.exportClassAnalytics(spec.classIds, { ...spec.options, ...live });
    case 'report':
      return service.exportReport(spec.report, { ...spec.options, ...live }, scope);
    case 'query':
      return service.exportCustomQuery(spec.sql, spec.params ?? [], { ...spec.options, ...live });
    case 'comprehensive':
      return service.exportComprehensive({ ...spec.options, ...live });
    default:
      return Promise.reject(
        new AnalyticsError(
          AnalyticsErrorCode.InvalidOption,
          `Invalid export spec: unknown kind ${JSON.stringify((spec as { kind?: unknown } | undefined)?.kind)}`,
        ),
      );
  }
}

// --- internal ---

/** The options of the student, classes and report exports (`SpecOptions`, with `dialect` and `count`). */
const EXPORT_OPTION_KEYS = ['format', 'columns', 'dateFormat', 'timeZone', 'from', 'to', 'delimiter', 'dialect', 'encoding', 'unmappable', 'gzip', 'count'];

/** The fields of each kind of spec (besides `kind` and `options`) and the options its export takes. */
const SPEC_KEYS: Record<ExportSpec['kind'], { readonly fields: readonly string[]; readonly options: readonly string[] }> = {
  student: { fields: ['studentId'], options: EXPORT_OPTION_KEYS },
  classes: { fields: ['classIds'], options: EXPORT_OPTION_KEYS },
  report: { fields: ['report'], options: EXPORT_OPTION_KEYS },
  query: { fields: ['sql', 'params'], options: [...EXPORT_OPTION_KEYS, 'types', 'name'] },
  comprehensive: { fields: [], options: ['format', 'dateFormat', 'timeZone', 'from', 'to', 'sheetFeatures', 'columnFeatures'] },
};

/** Throws `ANALYTICS_INVALID_OPTION` for the first own key of `value` not in `known`. */
function onlyKeys(value: object, known: readonly string[], what: string): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined)
    throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, `${what} \`${unknown}\`: expected ${known.map((k) => `\`${k}\``).join(', ')}`);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return typeof value === 'bigint' ? `"${value}n"` : (JSON.stringify(value) ?? 'null');
}
