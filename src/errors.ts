/**
 * Every error rowport raises is a {@link RowportError} with one of these codes.
 * The list is the contract: codes are never renamed, only added.
 */
export const RowportErrorCode = {
  /** An option has the wrong type or an unsupported value. Raised by the call, before any work. */
  InvalidOption: 'ROWPORT_INVALID_OPTION',
  /** `rows` is not an array, iterable, async iterable, object-mode stream or ReadableStream. */
  InvalidSource: 'ROWPORT_INVALID_SOURCE',
  /** A cell value cannot be written (a function, a symbol), or a computed column threw. */
  InvalidValue: 'ROWPORT_INVALID_VALUE',
  /** A date value is an invalid `Date`, or a string that is not a date. */
  InvalidDate: 'ROWPORT_INVALID_DATE',
  /** A character cannot be represented in the target `encoding` (and `unmappable` is `'error'`). */
  UnmappableCharacter: 'ROWPORT_UNMAPPABLE_CHARACTER',
  /** The source threw or rejected while rows were read, or `fromCsv` could not read its input; the original error is the `cause`. */
  SourceFailed: 'ROWPORT_SOURCE_FAILED',
  /** The `signal` was aborted; its reason is the `cause`. */
  Aborted: 'ROWPORT_ABORTED',
  /** The source yielded more rows than `maxRows`. */
  MaxRows: 'ROWPORT_MAX_ROWS',
  /** A sheet passed 1,048,576 rows and `onRowLimit` is `'error'`. */
  RowLimit: 'ROWPORT_ROW_LIMIT',
  /** CSV input could not be parsed, holds a field over `maxFieldBytes` or a header line over both it and 16 MiB, or (with `invalid: 'error'`) bytes
   *  invalid in its encoding (`fromCsv`); `row` is the 1-based line number. */
  InvalidCsv: 'ROWPORT_INVALID_CSV',
  /** JSON or NDJSON input could not be parsed (the `rowport` CLI); `row` is the 1-based line number. */
  InvalidJson: 'ROWPORT_INVALID_JSON',
  /** A callback of yours (`onProgress`, `onWarning`, `onHeaders`) threw, or returned a promise that
   *  rejected; its error is the `cause`. The export (or read) stops. */
  CallbackFailed: 'ROWPORT_CALLBACK_FAILED',
  /** Writing the output failed: a file system step of `exportToFile`, or a writer's own compression (zlib, zip); the underlying error is the `cause`. */
  WriteFailed: 'ROWPORT_WRITE_FAILED',
  /**
   * A package rowport imports on first need (iconv-lite, date-fns) could not be
   * loaded, typically in an ESM bundle without a `require` banner; the import error is the `cause`.
   */
  DependencyFailed: 'ROWPORT_DEPENDENCY_FAILED',
} as const;

export type RowportErrorCode = (typeof RowportErrorCode)[keyof typeof RowportErrorCode];

/** Where an error happened, and what caused it. */
export interface RowportErrorDetails {
  /** 0-based index of the source row (the same index `Column.value` receives). */
  readonly row?: number | undefined;
  /** Key of the column. */
  readonly column?: string | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
}

const brand = Symbol.for('rowport.error');

/**
 * The one error class of rowport.
 * @example
 * try { await exportToFile(toCsv(rows), 'out.csv'); }
 * catch (error) { if (isRowportError(error)) console.log(error.code, error.row, error.column); }
 */
export class RowportError extends Error {
  /** Always `'RowportError'`, also in the CommonJS build. */
  override readonly name = 'RowportError';
  /** Stable, machine-readable code; see {@link RowportErrorCode}. */
  readonly code: RowportErrorCode;
  /** 0-based index of the source row, when the error belongs to one. */
  readonly row: number | undefined;
  /** Key of the column, when the error belongs to one. */
  readonly column: string | undefined;

  constructor(code: RowportErrorCode, message: string, details: RowportErrorDetails = {}) {
    const { row, column, cause } = details;
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.row = row;
    this.column = column;
  }

  /**
   * `error instanceof RowportError` is true for a RowportError of any build of rowport loaded in the
   * process (`rowport` and `rowport/web`, ESM and CommonJS each have their own class), as
   * {@link isRowportError} is. A subclass's `instanceof` is the usual prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` asks: a subclass keeps the prototype check
    return this === RowportError ? isRowportError(value) : Function.prototype[Symbol.hasInstance].call(this, value);
  }
}
Object.defineProperty(RowportError.prototype, brand, { value: true });

/**
 * True for any {@link RowportError}, even one made by another build of rowport (ESM or CommonJS,
 * `rowport` or `rowport/web`); `instanceof RowportError` says the same.
 */
export function isRowportError(error: unknown): error is RowportError {
  return typeof error === 'object' && error !== null && brand in error;
}

// --- internal ---

/** Short, readable description of a value for messages: `'' (string)`, `42 (number)`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} (string)`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return `${String(value)} (symbol)`;
  if (typeof value === 'bigint') return `${value}n (bigint)`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `${String(value)} (${typeof value})`;
}

/** `ROWPORT_INVALID_OPTION` for option `name`, saying what was expected and what came. */
export function invalidOption(name: string, expected: string, value: unknown, hint?: string): RowportError {
  return new RowportError(RowportErrorCode.InvalidOption, `Invalid option \`${name}\`: expected ${expected}, got ${describe(value)}${hint ? `. ${hint}` : ''}`);
}

/** Location prefix for messages: `Row 12, column "total": `. */
export function at(row: number | undefined, column: string | undefined): string {
  const parts: string[] = [];
  if (row !== undefined) parts.push(`Row ${row}`);
  if (column !== undefined) parts.push(`column ${JSON.stringify(column)}`);
  return parts.length ? `${parts.join(', ')}: ` : '';
}

/** True for a Promise or any other object with a `then` method: a value that was not awaited. */
export function isThenable(value: unknown): boolean {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * `ROWPORT_INVALID_VALUE` for a Promise (or thenable) where a cell value belongs: an async `value()`,
 * or a row property not awaited. A native Promise is marked handled, so its rejection cannot crash the process.
 */
export function notAwaited(value: unknown, row?: number, column?: string): RowportError {
  if (value instanceof Promise) value.catch(() => undefined);
  return new RowportError(
    RowportErrorCode.InvalidValue,
    `${at(row, column)}cannot write a Promise (a thenable): did you forget an await? A column's value() must return the value itself, not a Promise`,
    { row, column },
  );
}
