import type { Readable } from 'node:stream';
import {
  type ChartSpec,
  type ColumnType,
  type DateFormat,
  type ProgressInfo,
  type SheetSpec,
  type ToCsvOptions,
  type ToXlsxOptions,
  type XlsxColumn,
  exportFileName,
  toCsv,
  toWorkbook,
  toXlsx,
} from 'rowport';
import {
  CLASS_COLUMNS,
  type ColumnDef,
  PERFORMANCE_COLUMNS,
  STUDENT_COLUMNS,
  STUDENT_DEFAULT,
  STUDENT_REPORT_COLUMNS,
  TEACHER_WEEKLY_COLUMNS,
  TUTOR_WEEKLY_COLUMNS,
  pickColumns,
} from './columns.js';
import { type Db, DbConfigError, DbUnavailableError, type QueryOptions, type Row, type SqlParam, queryOne } from './db.js';
import { AnalyticsError, AnalyticsErrorCode } from './errors.js';

export type ExportFormat = 'csv' | 'xlsx';
export type ReportType = 'student' | 'teacher-weekly' | 'tutor-weekly';
export const REPORT_TYPES: readonly ReportType[] = ['student', 'teacher-weekly', 'tutor-weekly'];

/** Options every export takes. Writer options pass through to rowport. */
export interface ExportOptions {
  /** @default 'csv' */
  readonly format?: ExportFormat | undefined;
  /** Column keys to write, in this order. @default the export's default columns */
  readonly columns?: readonly string[] | undefined;
  /** rowport date preset or date-fns pattern. @default 'iso' */
  readonly dateFormat?: DateFormat | undefined;
  /** IANA zone for date-times. @default 'UTC' */
  readonly timeZone?: string | undefined;
  /** First day included, `YYYY-MM-DD`. */
  readonly from?: string | undefined;
  /** Last day included, `YYYY-MM-DD`. */
  readonly to?: string | undefined;
  /** CSV dialect and encoding, passed to `toCsv`. */
  readonly delimiter?: string | undefined;
  /** `'excel-eu'`: `;`, decimal commas and dd.MM.yyyy dates, for German or French Excel. */
  readonly dialect?: 'excel-eu' | undefined;
  readonly encoding?: string | undefined;
  readonly unmappable?: 'error' | 'replace' | undefined;
  readonly gzip?: boolean | undefined;
  readonly onProgress?: ((progress: ProgressInfo) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Count the rows first, so progress has a `total` and a `percent`. @default true */
  readonly count?: boolean | undefined;
}

export interface CustomQueryOptions extends ExportOptions {
  /** Types of the query's columns, by name (`{ recorded_on: 'date' }`); others are written as they come. */
  readonly types?: Readonly<Record<string, ColumnType>> | undefined;
  /** Base of the file name. @default 'custom query' */
  readonly name?: string | undefined;
}

/** What every export returns: the bytes, a file name from `exportFileName`, and the MIME type. */
export interface ExportResult {
  readonly stream: Readable;
  readonly fileName: string;
  readonly contentType: string;
  /** Rows the export will write, when counted. */
  readonly total: number | undefined;
}

/** Options of {@link AnalyticsService.exportComprehensive}: the workbook is always XLSX. */
export interface ComprehensiveOptions {
  /** Only `'xlsx'`. @default 'xlsx' */
  readonly format?: 'xlsx' | undefined;
  readonly dateFormat?: DateFormat | undefined;
  readonly timeZone?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly onProgress?: ((progress: ProgressInfo) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Workbook features by sheet name (`'Class Summary'`): a title block, a table, conditional formats. */
  readonly sheetFeatures?: Readonly<Record<string, Omit<SheetSpec, 'name' | 'rows' | 'columns'>>> | undefined;
  /** Column options by sheet name and column key (`{ 'Class Summary': { avg_score: { note: '…' } } }`): a dropdown, a note. */
  readonly columnFeatures?: Readonly<Record<string, Readonly<Record<string, Omit<XlsxColumn<Row>, 'key'>>>>> | undefined;
}

export interface AnalyticsServiceOptions {
  /** The clock for file names. @default () => new Date() */
  readonly now?: (() => Date) | undefined;
  /** Limits of {@link AnalyticsService.exportCustomQuery}, which always runs on a read-only connection. */
  readonly customQuery?: {
    /** Cancel a custom query whose database time passes this (the time a slow reader takes is not counted). @default 60000 */
    readonly timeoutMs?: number | undefined;
    /** Fail a custom query with more rows (`ROWPORT_MAX_ROWS`). @default 1000000 */
    readonly maxRows?: number | undefined;
  };
}

export const CSV_TYPE = 'text/csv';
export const GZIP_TYPE = 'application/gzip';
/** An encoding name as a header's charset may hold it (rowport checks the name itself). */
const CHARSET_TOKEN = /^[A-Za-z0-9._:-]{1,40}$/;

/**
 * The longest `dateFormat` and `delimiter` a client may send: one is written in every date cell, the
 * other between every two fields, so a long one multiplies the size of the export (and the store's
 * share of it) with each request.
 */
const MAX_TEXT_OPTION = { dateFormat: 64, delimiter: 8 } as const;

/** Refuses a `dateFormat` or `delimiter` longer than {@link MAX_TEXT_OPTION} allows (400). */
function checkTextLengths(options: { readonly dateFormat?: unknown; readonly delimiter?: unknown }): void {
  for (const name of ['dateFormat', 'delimiter'] as const) {
    const value = options[name];
    if (typeof value === 'string' && value.length > MAX_TEXT_OPTION[name])
      throw new AnalyticsError(
        AnalyticsErrorCode.InvalidOption,
        `Invalid option \`${name}\`: expected at most ${MAX_TEXT_OPTION[name]} characters, got ${value.length}`,
      );
  }
}
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The analytics export service over any {@link Db}. Every method checks its arguments against
 * the database first (unknown student or class, bad date range, unknown columns) and throws an
 * {@link AnalyticsError} before any byte exists; the rows are then streamed from a cursor.
 */
export class AnalyticsService {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #custom: { timeoutMs: number; maxRows: number };

  constructor(db: Db, options: AnalyticsServiceOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    const { timeoutMs = 60_000, maxRows = 1_000_000 } = options.customQuery ?? {};
    this.#custom = { timeoutMs, maxRows };
  }

  /** Ids of the classes a teacher teaches, ascending (for access checks). */
  async teacherClassIds(teacherId: number): Promise<number[]> {
    const ids: number[] = [];
    for await (const row of this.#db.query<{ id: unknown }>('SELECT id FROM classes WHERE teacher_id = ? ORDER BY id', [teacherId])) ids.push(Number(row.id));
    return ids;
  }

  /** Resolves when the database answers a query (a health check); rejects otherwise. */
  async ping(): Promise<void> {
    await queryOne(this.#db, 'SELECT 1 AS ok');
  }

  /** True when the school has this student, or this teacher (role `teacher`): for looking a token's principal up. */
  async hasPerson(kind: 'student' | 'teacher', id: number): Promise<boolean> {
    if (!Number.isSafeInteger(id)) return false;
    const sql = kind === 'student' ? 'SELECT id FROM students WHERE id = ?' : "SELECT id FROM teachers WHERE id = ? AND role = 'teacher'";
    return (await queryOne(this.#db, sql, [id])) !== undefined;
  }

  /** One student's metric rows (lessons) in a date range. */
  async exportStudentAnalytics(studentId: number, options: ExportOptions = {}): Promise<ExportResult> {
    const columns = pickColumns(STUDENT_COLUMNS, options.columns, STUDENT_DEFAULT);
    const range = dateRange(options, 'm.recorded_on');
    if (!Number.isSafeInteger(studentId))
      throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, `Invalid student id: expected an integer, got ${JSON.stringify(studentId)}`);
    const student = await queryOne<{ name: string }>(this.#db, 'SELECT name FROM students WHERE id = ?', [studentId]);
    if (!student) throw new AnalyticsError(AnalyticsErrorCode.UnknownStudent, `Unknown student ${studentId}`);
    const sql = `SELECT m.recorded_on AS date, m.recorded_at, s.id AS student_id, s.name AS student_name, c.name AS class_name, c.subject,
        m.quiz_score, m.attended, m.minutes_spent
      FROM metrics m JOIN students s ON s.id = m.student_id JOIN classes c ON c.id = m.class_id
      WHERE m.student_id = ?${range.sql}
      ORDER BY m.recorded_on, m.recorded_at, m.id`;
    return this.#export(sql, [studentId, ...range.params], columns, `student analytics ${studentId} ${student.name}`, options, 'Student Analytics');
  }

  /** Aggregates per class: average, min and max score, attendance rate, students, records. */
  async exportClassAnalytics(classIds: readonly number[] | 'all', options: ExportOptions = {}): Promise<ExportResult> {
    const columns = pickColumns(CLASS_COLUMNS, options.columns);
    const range = dateRange(options, 'm.recorded_on');
    let filter = '';
    let ids: number[] = [];
    if (classIds !== 'all') {
      if (!Array.isArray(classIds) || classIds.length === 0 || !classIds.every(Number.isSafeInteger)) {
        throw new AnalyticsError(
          AnalyticsErrorCode.InvalidOption,
          `Invalid class ids: expected 'all' or a non-empty array of integers, got ${JSON.stringify(classIds)}`,
        );
      }
      ids = [...new Set(classIds)];
      const known = new Set<number>();
      for await (const row of this.#db.query<{ id: unknown }>(`SELECT id FROM classes WHERE id IN (${ids.map(() => '?').join(', ')})`, ids))
        known.add(Number(row.id));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length) throw new AnalyticsError(AnalyticsErrorCode.UnknownClass, `Unknown class${missing.length > 1 ? 'es' : ''} ${missing.join(', ')}`);
      filter = `WHERE c.id IN (${ids.map(() => '?').join(', ')})`;
    }
    const sql = classSql(range.sql, filter);
    const keys = new Set(columns.map((column) => column.key));
    const charts = keys.has('class_name') && keys.has('avg_score') ? [CLASS_CHART] : []; // drawn in XLSX only
    return this.#export(sql, [...range.params, ...ids], columns, 'class analytics', options, 'Class Summary', charts);
  }

  /**
   * A named report, each with its own columns and types. `scope.teacherId` limits the
   * `teacher-weekly` report to that teacher's classes.
   */
  async exportReport(type: ReportType, options: ExportOptions = {}, scope: { readonly teacherId?: number | undefined } = {}): Promise<ExportResult> {
    const report = REPORTS[type as ReportType] as (typeof REPORTS)[ReportType] | undefined;
    if (!report || !Object.hasOwn(REPORTS, type)) {
      throw new AnalyticsError(AnalyticsErrorCode.UnknownReport, `Unknown report ${JSON.stringify(type)}: expected one of ${REPORT_TYPES.join(', ')}`);
    }
    const columns = pickColumns(report.columns, options.columns);
    const range = dateRange(options, 'm.recorded_on');
    const { teacherId } = scope;
    if (teacherId !== undefined) {
      if (type !== 'teacher-weekly' || !Number.isSafeInteger(teacherId))
        throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, `Invalid scope: a teacher id applies to the teacher-weekly report only`);
      return this.#export(report.sql(`${range.sql} AND c.teacher_id = ?`), [...range.params, teacherId], columns, `${type} report`, options, report.sheet);
    }
    return this.#export(report.sql(range.sql), range.params, columns, `${type} report`, options, report.sheet);
  }

  /**
   * Any read-only query (`SELECT` or `WITH`, one statement) with `?` placeholders. The query is
   * checked by the database (and its columns by name) before any byte is written. It always runs
   * on a read-only connection (`Db.query` with `readOnly`: the database refuses any write, however
   * the SQL is written), with a statement timeout and a row cap (`customQuery` option).
   * Expose it to admins only (see `access.ts`).
   */
  async exportCustomQuery(sql: string, params: readonly SqlParam[] = [], options: CustomQueryOptions = {}): Promise<ExportResult> {
    if (typeof sql !== 'string' || !/^\s*(select|with)\b/i.test(sql) || /;\s*\S/.test(sql)) {
      throw new AnalyticsError(AnalyticsErrorCode.InvalidQuery, 'Invalid query: expected one SELECT (or WITH … SELECT) statement');
    }
    const query = sql.replace(/;\s*$/, '');
    let names: string[];
    try {
      names = await this.#db.columnsOf(query, params, { readOnly: true, timeoutMs: this.#custom.timeoutMs });
    } catch (error) {
      if (error instanceof DbUnavailableError) throw error; // the database, not the query: transient
      if (error instanceof DbConfigError) throw error; // the database's setup, not the query: no 400
      throw new AnalyticsError(AnalyticsErrorCode.InvalidQuery, `Invalid query: ${(error as Error).message}`, { cause: error });
    }
    const types = options.types ?? {};
    // Own keys only: a column named `constructor` or `toString` has no type from Object.prototype.
    const available: ColumnDef[] = names.map((key) => (Object.hasOwn(types, key) && types[key] ? { key, type: types[key] } : { key }));
    for (const key of Object.keys(types)) pickColumns(available, [key]);
    const guard = { readOnly: true, timeoutMs: this.#custom.timeoutMs, maxRows: this.#custom.maxRows };
    return this.#export(query, params, pickColumns(available, options.columns), options.name ?? 'custom query', options, 'Query', [], guard);
  }

  /**
   * One workbook with three sheets: `Student Analytics` (a summary row per student), `Class
   * Summary` (aggregates per class) and `Performance` (the school week by week). Sheets are
   * streamed one after another, each from its own cursor.
   */
  async exportComprehensive(options: ComprehensiveOptions = {}): Promise<ExportResult> {
    const { format = 'xlsx', dateFormat, timeZone, onProgress, signal } = options;
    checkTextLengths(options);
    if (format !== 'xlsx')
      throw new AnalyticsError(
        AnalyticsErrorCode.InvalidOption,
        `Invalid option \`format\`: the comprehensive export is a workbook, expected 'xlsx', got ${JSON.stringify(format)}`,
      );
    const range = dateRange(options, 'm.recorded_on');
    const footer = { footer: '&A: page &P of &N' }; // printed: sheet name and page numbers
    // Printed: every column on one page's width (no pages of numbers without the student names),
    // landscape A4, the header row on every page.
    const sheets: { name: string; sql: string; columns: readonly ColumnDef[]; charts?: ChartSpec[] }[] = [
      { name: 'Student Analytics', sql: REPORTS.student.sql(range.sql), columns: STUDENT_REPORT_COLUMNS },
      {
        name: 'Class Summary',
        sql: classSql(range.sql, ''),
        columns: CLASS_COLUMNS,
        charts: [CLASS_CHART],
      },
      {
        name: 'Performance',
        sql: PERFORMANCE_SQL(range.sql),
        columns: PERFORMANCE_COLUMNS,
        charts: [
          { type: 'line', title: 'Average score by week', categories: 'week_start', series: ['avg_score'] },
          { type: 'line', title: 'Attendance by week', categories: 'week_start', series: ['attendance_rate'] },
        ],
      },
    ];
    const stream = toWorkbook(
      sheets.map((sheet) => ({
        name: sheet.name,
        rows: this.#db.query(sheet.sql, range.params, { signal }),
        columns: sheet.columns.map((column) => ({ ...column, ...options.columnFeatures?.[sheet.name]?.[column.key] })),
        headerFooter: footer,
        print: PRINT,
        ...(sheet.charts ? { charts: sheet.charts } : {}),
        ...options.sheetFeatures?.[sheet.name],
      })),
      withoutUndefined({ dateFormat, timeZone, onProgress, signal }),
    );
    return { stream, fileName: exportFileName('comprehensive analytics', 'xlsx', { date: this.#now() }), contentType: XLSX_TYPE, total: undefined };
  }

  /** Builds the rowport writer for the rows of `sql`; everything has been checked by now. */
  async #export(
    sql: string,
    params: readonly SqlParam[],
    columns: ColumnDef[],
    base: string,
    options: ExportOptions,
    sheetName: string,
    charts: ChartSpec[] = [],
    guard: QueryOptions & { maxRows?: number } = {},
  ): Promise<ExportResult> {
    const { format = 'csv', dateFormat, timeZone, delimiter, dialect, encoding, unmappable, gzip, onProgress, signal, count = true } = options;
    checkTextLengths(options);
    const { maxRows, ...limits } = guard;
    const queryOptions: QueryOptions = { ...limits, signal };
    if (format !== 'csv' && format !== 'xlsx')
      throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, `Invalid option \`format\`: expected 'csv' or 'xlsx', got ${JSON.stringify(format)}`);
    // The encoding is also the response's charset: a token, never raw client text in a header.
    if (encoding !== undefined && (typeof encoding !== 'string' || !CHARSET_TOKEN.test(encoding)))
      throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, 'Invalid option `encoding`: expected an encoding name (letters, digits, `-`, `_`, `.`, `:`)');
    if (format === 'xlsx') {
      const csvOnly = Object.entries({ delimiter, dialect, encoding, unmappable, gzip }).find(([, value]) => value !== undefined && value !== false);
      if (csvOnly) throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, `Invalid option \`${csvOnly[0]}\`: it applies to CSV exports only, not XLSX`);
    }
    const total = count ? Number((await queryOne(this.#db, `SELECT COUNT(*) AS n FROM (${sql}) q`, params, queryOptions))?.n ?? 0) : undefined;
    const rows = this.#db.query(sql, params, queryOptions);
    // toCsv and toXlsx check every option synchronously (RowportError ROWPORT_INVALID_OPTION) before reading a row.
    if (format === 'xlsx') {
      const xlsxOptions: ToXlsxOptions<Row> = { columns, dateFormat, timeZone, onProgress, signal, total, sheetName, charts, maxRows, print: PRINT };
      const stream = toXlsx(rows, withoutUndefined(xlsxOptions));
      return { stream, fileName: exportFileName(base, 'xlsx', { date: this.#now() }), contentType: XLSX_TYPE, total };
    }
    const csvOptions: ToCsvOptions<Row> = { columns, dateFormat, timeZone, delimiter, dialect, encoding, unmappable, gzip, onProgress, signal, total, maxRows };
    const stream = toCsv(rows, withoutUndefined(csvOptions));
    const fileName = exportFileName(base, gzip ? 'csv.gz' : 'csv', { date: this.#now() });
    const charset = (encoding ?? 'utf-8').toLowerCase();
    return { stream, fileName, contentType: gzip ? GZIP_TYPE : `${CSV_TYPE}; charset=${charset === 'utf8' ? 'utf-8' : charset}`, total };
  }
}

// --- internal ---

/** How the XLSX exports print: landscape A4, all columns on one page's width, the header row repeated. */
const PRINT = { orientation: 'landscape', fitToWidth: true, paperSize: 'a4' } as const;

/** The native column chart of the per-class export and the workbook's Class Summary sheet. */
/** Scores are 0–100: the axis starts at 0 (a reader's own scale would start near the lowest average and exaggerate the gaps), whole numbers. */
const CLASS_CHART: ChartSpec = {
  type: 'column',
  title: 'Average score by class',
  categories: 'class_name',
  series: ['avg_score'],
  yAxisTitle: 'Score',
  valueAxis: { min: 0, max: 100, numFmt: '0' },
};

/** Share of attended lessons, 0–1, in SQL both SQLite and PostgreSQL accept. */
const ATTENDANCE = 'ROUND(AVG(CASE WHEN m.attended = 1 THEN 1.0 ELSE 0.0 END), 4)';

/** Aggregates per class; `range` joins on the metrics, `filter` is a WHERE over the classes. */
function classSql(range: string, filter: string): string {
  return `SELECT c.id AS class_id, c.name AS class_name, c.subject, t.name AS teacher,
        COUNT(DISTINCT m.student_id) AS students, COUNT(m.id) AS records,
        ROUND(AVG(m.quiz_score), 2) AS avg_score, MIN(m.quiz_score) AS min_score, MAX(m.quiz_score) AS max_score,
        ${ATTENDANCE} AS attendance_rate, MIN(m.recorded_on) AS first_date, MAX(m.recorded_on) AS last_date
      FROM classes c JOIN teachers t ON t.id = c.teacher_id LEFT JOIN metrics m ON m.class_id = c.id${range}
      ${filter}
      GROUP BY c.id, c.name, c.subject, t.name
      ORDER BY c.id`;
}

/** The whole school, week by week. */
const PERFORMANCE_SQL = (range: string) => `SELECT m.week_start, COUNT(DISTINCT m.student_id) AS students, COUNT(m.id) AS records,
        ROUND(AVG(m.quiz_score), 2) AS avg_score, ${ATTENDANCE} AS attendance_rate, SUM(m.minutes_spent) AS minutes_total
      FROM metrics m
      WHERE 1 = 1${range}
      GROUP BY m.week_start
      ORDER BY m.week_start`;

const REPORTS: Record<ReportType, { columns: readonly ColumnDef[]; sheet: string; sql: (range: string) => string }> = {
  student: {
    columns: STUDENT_REPORT_COLUMNS,
    sheet: 'Student Report',
    sql: (range) => `SELECT s.id AS student_id, s.name AS student_name, s.locale, s.grade, tu.name AS tutor,
        COUNT(DISTINCT m.class_id) AS classes, COUNT(m.id) AS records, ROUND(AVG(m.quiz_score), 2) AS avg_score,
        ${ATTENDANCE} AS attendance_rate, COALESCE(SUM(m.minutes_spent), 0) AS minutes_total, MAX(m.recorded_on) AS last_activity
      FROM students s LEFT JOIN teachers tu ON tu.id = s.tutor_id LEFT JOIN metrics m ON m.student_id = s.id${range}
      GROUP BY s.id, s.name, s.locale, s.grade, tu.name
      ORDER BY s.id`,
  },
  'teacher-weekly': {
    columns: TEACHER_WEEKLY_COLUMNS,
    sheet: 'Teacher Weekly',
    sql: (range) => `SELECT m.week_start, t.name AS teacher, c.name AS class_name,
        COUNT(DISTINCT m.student_id) AS students, COUNT(m.id) AS records, ROUND(AVG(m.quiz_score), 2) AS avg_score,
        ${ATTENDANCE} AS attendance_rate, SUM(m.minutes_spent) AS minutes_total
      FROM metrics m JOIN classes c ON c.id = m.class_id JOIN teachers t ON t.id = c.teacher_id
      WHERE 1 = 1${range}
      GROUP BY m.week_start, t.id, t.name, c.id, c.name
      ORDER BY m.week_start, t.id, c.id`,
  },
  'tutor-weekly': {
    columns: TUTOR_WEEKLY_COLUMNS,
    sheet: 'Tutor Weekly',
    sql: (range) => `SELECT m.week_start, tu.name AS tutor,
        COUNT(DISTINCT m.student_id) AS students, COUNT(m.id) AS records, ROUND(AVG(m.quiz_score), 2) AS avg_score,
        ${ATTENDANCE} AS attendance_rate, SUM(m.minutes_spent) AS minutes_total
      FROM metrics m JOIN students s ON s.id = m.student_id JOIN teachers tu ON tu.id = s.tutor_id
      WHERE 1 = 1${range}
      GROUP BY m.week_start, tu.id, tu.name
      ORDER BY m.week_start, tu.id`,
  },
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** ` AND col >= ? AND col <= ?` for the options' range, checked. */
function dateRange(options: ExportOptions, column: string): { sql: string; params: string[] } {
  const { from, to } = options;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !isCalendarDate(value)) {
      throw new AnalyticsError(AnalyticsErrorCode.InvalidRange, `Invalid option \`${name}\`: expected a 'YYYY-MM-DD' date, got ${JSON.stringify(value)}`);
    }
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw new AnalyticsError(AnalyticsErrorCode.InvalidRange, `Invalid date range: \`from\` ${from} is after \`to\` ${to}`);
  }
  let sql = '';
  const params: string[] = [];
  if (from !== undefined) {
    sql += ` AND ${column} >= ?`;
    params.push(from);
  }
  if (to !== undefined) {
    sql += ` AND ${column} <= ?`;
    params.push(to);
  }
  return { sql, params };
}

function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function withoutUndefined<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as T;
}
