/** Anything rows can come from: arrays, generators, object-mode `Readable`s, WHATWG `ReadableStream`s. */
export type Rows<T> = AsyncIterable<T> | Iterable<T>;

/** The values a cell can hold. Objects and arrays are written as JSON text. */
export type CellValue = string | number | bigint | boolean | Date | null | undefined;

/** How a column is rendered: in CSV, the text; in XLSX, the cell type and number format. */
export type ColumnType = 'string' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime' | 'boolean' | 'url';

/**
 * A date preset (`iso` `yyyy-MM-dd`, `us` `MM/dd/yyyy`, `eu` `dd.MM.yyyy`,
 * `full` `yyyy-MM-dd HH:mm:ss`) or any date-fns `format` pattern.
 */
export type DateFormat = 'iso' | 'us' | 'eu' | 'full' | (string & {});

/** One output column. */
export interface Column<T = Record<string, unknown>> {
  /** Property to read; dot paths (`'student.name'`) read nested objects. For array rows, an index (`'2'`). */
  readonly key: string;
  /** Header text. @default key */
  readonly header?: string;
  /** Computes the value instead of reading `key`; `index` is the 0-based row index. */
  readonly value?: (row: T, index: number) => unknown;
  /** Drives CSV rendering and the XLSX cell type and number format. */
  readonly type?: ColumnType;
  /** Explicit Excel number format (XLSX only), e.g. `'#,##0.00'`. */
  readonly numFmt?: string;
  /** XLSX column width in characters; without it the column is auto-fitted. */
  readonly width?: number;
}

/** A column: a key (`'name'`) or a {@link Column}. */
export type ColumnSpec<T = Record<string, unknown>> = string | Column<T>;

/** What `onProgress` receives. */
export interface ProgressInfo {
  /** Rows written so far. */
  readonly rows: number;
  /** Bytes produced so far (for CSV with `gzip`, before compression). */
  readonly bytes: number;
  /** The `total` option, when given. */
  readonly total?: number;
  /** `rows / total` as 0–100 (100 on the final call), when `total` is given. */
  readonly percent?: number;
  /** Name of the sheet being written (XLSX). */
  readonly sheet?: string;
  /** Rows written to that sheet so far (XLSX). */
  readonly sheetRows?: number;
}

/** Options every writer takes. */
export interface WriterOptions<T = Record<string, unknown>> {
  /** Which columns to write, in order, with headers and types. @default the first row's keys */
  readonly columns?: readonly ColumnSpec<T>[];
  /** Write a header row. @default true */
  readonly header?: boolean;
  /** How `Date` values are rendered: a preset or a date-fns pattern. @default 'iso' */
  readonly dateFormat?: DateFormat;
  /** IANA time zone dates are rendered in, so output never depends on the host. @default 'UTC' */
  readonly timeZone?: string;
  /** Expected number of rows; enables `percent` in progress reports. */
  readonly total?: number;
  /** Called with progress at most every `progressInterval` ms, and always once at the end. */
  readonly onProgress?: (progress: ProgressInfo) => void;
  /** Minimum milliseconds between two `onProgress` calls. @default 200 */
  readonly progressInterval?: number;
  /** Aborting it destroys the output with `ROWPORT_ABORTED` and closes the source. */
  readonly signal?: AbortSignal;
  /** More rows than this is an error (`ROWPORT_MAX_ROWS`). @default Infinity */
  readonly maxRows?: number;
}

/** What `exportToFile` resolves to. */
export interface ExportSummary {
  /** The final path. */
  readonly path: string;
  /** Bytes written to the file. */
  readonly bytes: number;
  /** Data rows written (when the stream came from a rowport writer; else 0). */
  readonly rows: number;
  /** Wall-clock time of the export, in milliseconds. */
  readonly durationMs: number;
}
