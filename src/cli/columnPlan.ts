import { compileIndex, compilePath } from '../columns/path.js';
import { parseDateValue } from '../dates/parseDate.js';
import { RowportError, RowportErrorCode, at, describe } from '../errors.js';
import type { Column, ColumnType } from '../types.js';
import type { Row } from './inputs.js';
import { UsageError } from './usageError.js';

/** Rows `--detect-dates` looks at to decide each column. */
export const DATE_SAMPLE_ROWS = 1000;

/** What decides the columns besides `--columns`. */
export interface ColumnPlanOptions {
  /** `--columns`: selected, ordered, renamed, maybe typed. */
  readonly columns: readonly Column[] | undefined;
  /** The input's own columns (a CSV header), in its order; else the first row's keys are. */
  readonly inputColumns?: readonly Column[] | undefined;
  /** `--types`: a type for some columns, the others kept. */
  readonly types: ReadonlyMap<string, ColumnType> | undefined;
  /** `--detect-dates`. */
  readonly detectDates: boolean;
  /** Stops waiting for the sample (a slow query upstream) when aborted. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Works out the columns for `--types` and `--detect-dates`, which need to see the data first.
 *
 * - Without `--columns`, the columns are the first row's keys (what the writers would take) and
 *   `--types` types the ones it names; with `--columns`, `--types` types the selected ones. A
 *   `--types` key that is not a column, or that `--columns` gives another type, is a usage error.
 * - `--detect-dates` looks at the first {@link DATE_SAMPLE_ROWS} rows. A column without a type whose
 *   non-empty values there are all ISO 8601 date strings (`2024-01-15`) becomes a `date` column;
 *   all ISO dates or date-times (`2024-01-15T10:30:00Z`, `2024-01-15 10:30`), at least one with a
 *   time, a `datetime` column. Anything else in the sample (a number, `n/a`, `15.01.2024`) leaves
 *   the column as it is. A later row whose value in a detected column is not an ISO date string
 *   (or is a date-time in a `date` column, whose time would be dropped) stops the export with `ROWPORT_INVALID_DATE` (row and column), thrown by the returned rows:
 *   nothing is dropped or guessed.
 * @returns The rows to write (the sample replayed first) and the columns, or undefined to let
 *   the writer take the first row's keys.
 * @throws {UsageError}
 */
export async function planColumns(rows: AsyncIterable<Row>, options: ColumnPlanOptions): Promise<{ rows: AsyncIterable<Row>; columns: Column[] | undefined }> {
  const { types, detectDates } = options;
  if (types === undefined && !detectDates) return { rows, columns: options.columns?.slice() };
  const iterator = rows[Symbol.asyncIterator]();
  const sample: Row[] = [];
  const wanted = detectDates ? DATE_SAMPLE_ROWS : 1;
  let done = false;
  const { signal } = options;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined); // raced below; never left unhandled
  try {
    while (sample.length < wanted) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done) {
        done = true;
        break;
      }
      sample.push(next.value);
    }
  } catch (error) {
    void iterator.return?.();
    throw error;
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
  const detected: DetectedColumn[] = []; // filled below, before the writer pulls the first row
  const replay = (async function* replay() {
    let completed = done;
    try {
      let index = sample.length;
      yield* sample;
      sample.length = 0; // let the sample go once written
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        for (const column of detected) checkDate(column, next.value, index);
        index++;
        yield next.value;
      }
      completed = true;
    } finally {
      if (!completed) await iterator.return?.();
    }
  })();
  const first = sample[0];
  const base = options.columns ?? (first === undefined ? undefined : (options.inputColumns ?? keysOf(first)));
  if (base === undefined) return { rows: replay, columns: undefined }; // no rows: nothing to type
  const columns = base.map((column) => ({ ...column }));
  if (types) applyTypes(columns, types, options.columns !== undefined);
  if (detectDates) {
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as Column;
      if (column.type !== undefined || column.value !== undefined) continue;
      const read = reader(column.key, i, first);
      const type = dateTypeOf(sample.map((row) => read(row)));
      if (type === undefined) continue;
      columns[i] = { ...column, type };
      detected.push({ key: column.key, type, read });
    }
  }
  return { rows: replay, columns };
}

// --- internal ---

/** The columns the writer would take from the first row: an object's own keys, an array's positions. */
function keysOf(first: Row): Column[] {
  if (Array.isArray(first)) return first.map((_, i) => ({ key: String(i) }));
  return Object.keys(first).map((key) => ({ key }));
}

function applyTypes(columns: { key: string; type?: ColumnType | undefined }[], types: ReadonlyMap<string, ColumnType>, selected: boolean): void {
  for (const [key, type] of types) {
    const column = columns.find((c) => c.key === key);
    const names = columns.map((c) => c.key).join(', ');
    if (column === undefined) {
      throw new UsageError(`--types: there is no column ${JSON.stringify(key)}${selected ? ' in --columns' : ' in the input'}; the columns are ${names}`);
    }
    if (column.type !== undefined && column.type !== type) {
      throw new UsageError(`--types: ${JSON.stringify(key)} is ${type}, but --columns makes it ${column.type}; give its type in one place`);
    }
    column.type = type;
  }
}

function reader(key: string, position: number, first: Row | undefined): (row: Row) => unknown {
  if (Array.isArray(first)) return compileIndex(/^\d+$/.test(key) ? Number(key) : position) as (row: Row) => unknown;
  return compilePath(key, first !== undefined && Object.hasOwn(first, key)) as (row: Row) => unknown;
}

const isEmpty = (value: unknown): boolean => value === null || value === undefined || value === '';

/** 'YYYY-MM-DD' → 'date'; an ISO 8601 date-time → 'datetime'; else undefined. */
function isoKind(value: unknown): 'date' | 'datetime' | undefined {
  if (typeof value !== 'string' || value.length < 10) return undefined;
  try {
    parseDateValue(value);
  } catch {
    return undefined;
  }
  return value.length === 10 ? 'date' : 'datetime';
}

/** The type a sample of values asks for: all ISO dates → date; ISO dates and date-times → datetime. */
function dateTypeOf(values: readonly unknown[]): 'date' | 'datetime' | undefined {
  let kind: 'date' | 'datetime' | undefined;
  for (const value of values) {
    if (isEmpty(value)) continue;
    const k = isoKind(value);
    if (k === undefined) return undefined;
    if (kind !== 'datetime') kind = k;
  }
  return kind;
}

/** A column `--detect-dates` typed, and how to read it. */
interface DetectedColumn {
  readonly key: string;
  readonly type: 'date' | 'datetime';
  readonly read: (row: Row) => unknown;
}

/**
 * Checks a row after the sample: the value of a detected column must be an ISO date string (or
 * empty), and in a `date` column one without a time, which a date cell would drop. Anything else
 * would be read as a date some other way (a number as epoch ms), lose its time of day, or be refused
 * without a hint, so it stops the export here, with row and column. Thrown from the source, a
 * RowportError reaches the user as it is.
 */
function checkDate({ key, type, read }: DetectedColumn, row: Row, index: number): void {
  const value = read(row);
  if (isEmpty(value)) return;
  const kind = isoKind(value);
  if (kind === 'date' || kind === type) return;
  const what = kind === undefined ? 'not an ISO 8601 date' : 'a date-time, whose time a date column would drop';
  throw new RowportError(
    RowportErrorCode.InvalidDate,
    `${at(index, key)}--detect-dates made this a ${type} column from the first ${DATE_SAMPLE_ROWS.toLocaleString('en-US')} rows, but this value is ${what}: ${describe(value)}; give the column a type with --types ${key}:${kind === undefined ? 'string' : 'datetime'}, or leave out --detect-dates`,
    { row: index, column: key },
  );
}
