/**
 * Anything rows can come from: arrays, generators, object-mode `Readable`s, WHATWG `ReadableStream`s.
 * `ReadableStream<T>` is named on its own so that a project compiled with `lib: ["dom"]` (whose
 * stream type is not async-iterable without `dom.asynciterable`) can pass one.
 */
export type Rows<T> = AsyncIterable<T> | Iterable<T> | ReadableStream<T>;

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
  readonly header?: string | undefined;
  /** Computes the value instead of reading `key`; `index` is the 0-based row index. */
  readonly value?: ((row: T, index: number) => unknown) | undefined;
  /** Drives CSV rendering and the XLSX cell type and number format. */
  readonly type?: ColumnType | undefined;
  /** Explicit Excel number format (XLSX only), e.g. `'#,##0.00'`. */
  readonly numFmt?: string | undefined;
  /** XLSX column width in characters; without it the column is auto-fitted. */
  readonly width?: number | undefined;
}

/** A column: a key (`'name'`) or a {@link Column}. */
export type ColumnSpec<T = Record<string, unknown>> = string | Column<T>;

/** Values a dot path does not go into: they are cells, not nested rows. */
type PathLeaf = Date | readonly unknown[] | ((...args: never[]) => unknown) | Uint8Array;

/** The dot paths of `T` below its top-level keys, at most four levels deep. */
type NestedPaths<T, Depth extends unknown[] = []> = Depth['length'] extends 3
  ? never
  : {
      [K in keyof T & string]: NonNullable<T[K]> extends PathLeaf
        ? never
        : NonNullable<T[K]> extends object
          ? `${K}.${keyof NonNullable<T[K]> & string}` | `${K}.${NestedPaths<NonNullable<T[K]>, [...Depth, 1]>}`
          : never;
    }[keyof T & string];

/**
 * The keys a column may read from rows of type `T`: its top-level keys and dot paths into nested
 * objects (`'address.city'`). The writers and `selectColumns` refuse at compile time a literal key
 * (`'nmae'`) that is not one of them, unless the column is computed (`value`). Rows whose keys are
 * not known (`Record<string, unknown>`, arrays, `any`, `unknown`) take any string, and so does a key
 * typed `string` (columns built at run time).
 * @example
 * type K = ColumnKey<{ name: string; address: { city: string } }>; //=> 'name' | 'address' | 'address.city'
 */
export type ColumnKey<T> = 0 extends 1 & T
  ? string
  : [T] extends [never]
    ? string
    : T extends readonly unknown[]
      ? string
      : T extends object
        ? string extends keyof T
          ? string
          : [keyof T] extends [never]
            ? string
            : (keyof T & string) | NestedPaths<T>
        : string;

/** True when the literal key `K` is not one rows `T` have (a key typed `string` always passes). */
type BadKey<T, K> = string extends K ? false : K extends ColumnKey<T> ? false : true;
type BadSpec<T, S> = S extends string
  ? BadKey<T, S>
  : S extends { readonly value: (...args: never[]) => unknown } | { readonly formula: unknown }
    ? false
    : S extends { readonly key: infer K }
      ? BadKey<T, K>
      : false;
type FixSpec<T, S> = S extends string
  ? BadKey<T, S> extends true
    ? ColumnKey<T>
    : S
  : BadSpec<T, S> extends true
    ? Omit<S, 'key'> & { readonly key: ColumnKey<T> }
    : S;

/**
 * `columns` `C` checked against rows `T`: `C` itself when each literal key of a column that reads
 * the row (not computed by `value` or a `formula`) is a {@link ColumnKey} of `T`, else `C` with the wrong keys replaced by the keys they could
 * be (so the compile error lists them). Used by the signatures of the writers and `selectColumns`.
 */
export type CheckedColumns<T, C extends readonly unknown[]> = true extends BadSpec<T, C[number]> ? { readonly [I in keyof C]: FixSpec<T, C[I]> } : C;

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
  readonly columns?: readonly ColumnSpec<T>[] | undefined;
  /** Write a header row. @default true */
  readonly header?: boolean | undefined;
  /** How `Date` values are rendered: a preset or a date-fns pattern. @default 'iso' */
  readonly dateFormat?: DateFormat | undefined;
  /** IANA time zone dates are rendered in, so output never depends on the host. @default 'UTC' */
  readonly timeZone?: string | undefined;
  /** Expected number of rows; enables `percent` in progress reports. */
  readonly total?: number | undefined;
  /**
   * Called with progress at most every `progressInterval` ms, and always once at the end. What it
   * throws stops the export as `ROWPORT_CALLBACK_FAILED`. It may return a promise (an async
   * `job.updateProgress`): the rows do not wait for it, but a rejection stops the export as
   * `ROWPORT_CALLBACK_FAILED` (never an unhandled rejection), and the output ends only once every
   * promise it returned has settled.
   */
  readonly onProgress?: ((progress: ProgressInfo) => void) | undefined;
  /** Minimum milliseconds between two `onProgress` calls. @default 200 */
  readonly progressInterval?: number | undefined;
  /** Aborting it destroys the output with `ROWPORT_ABORTED` and closes the source. */
  readonly signal?: AbortSignal | undefined;
  /** More rows than this is an error (`ROWPORT_MAX_ROWS`). @default Infinity */
  readonly maxRows?: number | undefined;
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

/** The output key of a column spec: its `header`, else its `key`; `never` when not a literal. */
type SpecHeader<S> = S extends string
  ? S
  : S extends { readonly header: infer H extends string }
    ? H
    : S extends { readonly key: infer K extends string }
      ? K
      : never;

/** The value type of a column spec: a computed column's result, a top-level key's property type, else unknown. */
type SpecValue<T, S> = S extends string
  ? S extends keyof T
    ? T[S]
    : unknown
  : S extends { readonly value: (...args: never[]) => infer R }
    ? R
    : S extends { readonly key: infer K }
      ? K extends keyof T
        ? T[K]
        : unknown
      : unknown;

/**
 * The rows `selectColumns` yields for columns `C`: keyed by each column's header, with the source
 * property's type (or a computed column's result). Falls back to `Record<string, unknown>` when a
 * header or key is not a literal string.
 */
export type SelectedRow<T, C extends readonly ColumnSpec<T>[]> =
  string extends SpecHeader<C[number]> ? Record<string, unknown> : { [S in C[number] as SpecHeader<S>]: SpecValue<T, S> };
