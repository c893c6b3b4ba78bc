import { checkRow, classGetters, readFailed, setOwn } from '../sources/rowShape.js';
import { mapRows } from '../sources/mapRows.js';
import { assertRows, claimRows } from '../sources/rowReader.js';
import type { DateFormat, Rows } from '../types.js';
import { DATE_FNS } from './compile.js';
import { rendererFor } from './formatDate.js';
import { optionKeys, ownOptions } from '../base/optionKeys.js';
import { isDate } from '../base/isDate.js';
import { carryKeyOrder } from '../base/keyOrder.js';

/** Options of {@link formatDates}. */
export interface FormatDatesOptions {
  /** IANA time zone dates are rendered in. @default 'UTC' */
  readonly timeZone?: string | undefined;
  /**
   * Only these keys are formatted, and in them `'YYYY-MM-DD'` strings and epoch milliseconds count
   * as dates too. Without it, every `Date` value at the top level of a row is formatted.
   */
  readonly columns?: readonly string[] | undefined;
}

/**
 * The rows `formatDates` yields for rows `T` and its option `columns` `C`: without `columns`, each
 * key's value with its dates as text ({@link DateAsText}); with literal `columns`, their keys' values
 * as text ({@link ColumnAsText}) and the other keys' as they are; with `columns` known only at run
 * time (`string[]`, or maybe `undefined`), either.
 */
type Formatted<T, C> = T extends readonly unknown[] ? unknown[] : { [K in keyof T]: FormattedValue<T[K], K, C> };

/** The value of key `K` as `formatDates` yields it for `columns` `C` (each member of a union of `C` on its own). */
type FormattedValue<V, K, C> = C extends readonly (infer Only)[]
  ? string extends Only
    ? V | ColumnAsText<V>
    : K extends Only
      ? ColumnAsText<V>
      : V
  : DateAsText<V>;

/** A value with its `Date` as text, each member of a union on its own: `Date | null` is `string | null`. */
type DateAsText<V> = V extends Date ? string : V;

/** A value of a key in `columns`: a date, epoch ms or date string as text; `null`, `undefined` and `''` as they are. */
type ColumnAsText<V> = V extends null | undefined | '' ? V : string;

/**
 * Formats the dates of a row stream: each row is copied with its dates turned into text.
 * Composes in front of any writer; closing the result closes `rows`.
 * @param rows - Objects or arrays from any iterable or async iterable.
 * @param format - A preset (`iso`, `us`, `eu`, `full`) or a date-fns pattern.
 * @param options - `timeZone` and `columns`.
 * @returns An async iterable of new rows; the input rows are never changed.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` at once for a bad format or zone; while iterating,
 *   `ROWPORT_INVALID_DATE` with the row and column of an invalid date.
 * @example
 * for await (const row of formatDates([{ at: new Date(Date.UTC(2024, 0, 15)) }], 'eu')) console.log(row);
 * //=> { at: '15.01.2024' }
 */
export function formatDates<T extends object, const C extends readonly string[] | undefined = undefined>(
  rows: Rows<T>,
  format: DateFormat,
  options: Omit<FormatDatesOptions, 'columns'> & { readonly columns?: C } = {},
): AsyncIterable<Formatted<T, C>> {
  assertRows(rows);
  const { timeZone, columns: only } = ownOptions(options, FORMAT_DATES_KEYS);
  const renderer = rendererFor(format, timeZone ?? 'UTC');
  claimRows(rows);
  let arrays: boolean | undefined;
  const getters = new WeakMap<object, readonly string[]>(); // each class's getters, looked up once
  // A getter's value as the copy holds it: formatted as an own property with that key would be.
  const formatGetter = (key: string, v: unknown, index: number): unknown =>
    (only ? only.includes(key) && v !== null && v !== undefined && v !== '' : isDate(v)) ? renderer.value(v, index, key) : v;
  const formatRow = (row: T, index: number): Formatted<T, C> => {
    checkRow(row, index, arrays);
    arrays ??= Array.isArray(row);
    if (Array.isArray(row)) {
      return row.map((v: unknown, c) =>
        (only ? only.includes(String(c)) && v !== null && v !== undefined && v !== '' : isDate(v)) ? renderer.value(v, index, String(c)) : v,
      ) as Formatted<T, C>;
    }
    let copy: Record<string, unknown>;
    try {
      copy = { ...(row as Record<string, unknown>) };
    } catch (error) {
      throw readFailed(error, index, throwingKey(row)); // a getter or a Proxy trap of the row threw
    }
    carryKeyOrder(row as object, copy); // a CSV header's order (`country,2023`), which the copy's keys lose
    if (only) {
      for (const key of only) {
        if (!Object.hasOwn(copy, key)) continue; // never an inherited `constructor` or `toString`
        const v = copy[key];
        if (v !== null && v !== undefined && v !== '') setOwn(copy, key, renderer.value(v, index, key));
      }
    } else {
      for (const key in copy) {
        const v = copy[key];
        if (isDate(v)) setOwn(copy, key, renderer.value(v, index, key));
      }
    }
    let names: readonly string[] | undefined;
    try {
      const proto = Object.getPrototypeOf(row) as object | null;
      if (proto !== Object.prototype && proto !== null) {
        names = getters.get(proto);
        if (names === undefined) getters.set(proto, (names = classGetters(row)));
      }
    } catch (error) {
      throw readFailed(error, index, undefined); // a Proxy trap of the row threw
    }
    if (names !== undefined) copyGetters(row, copy, names, index, formatGetter);
    return copy as Formatted<T, C>;
  };
  return mapRows(renderer.needsDateFns && !DATE_FNS.loaded ? afterDateFns(rows) : rows, formatRow);
}

// --- internal ---

/** The keys of `formatDates` options; see `ownOptions`. */
const FORMAT_DATES_KEYS = optionKeys<FormatDatesOptions>({ timeZone: true, columns: true });

/** The rows, once date-fns (started by the pattern check) has been imported. */
async function* afterDateFns<T>(rows: Rows<T>): AsyncGenerator<T, void, undefined> {
  await DATE_FNS.start();
  yield* rows;
}

/**
 * Copies the values a class instance holds in getters (`get fullName()`) onto its copy, formatted by
 * `format`, as own properties that are not enumerable: a writer's `columns` read them as they read the
 * row itself, and a writer without `columns` binds the same keys as for the row (its own enumerable ones).
 * A getter that throws (a relation not loaded) throws again when its key is read, as on the row:
 * only a column that reads it fails, with its row and key.
 */
function copyGetters(
  row: object,
  copy: Record<string, unknown>,
  names: readonly string[],
  index: number,
  format: (key: string, value: unknown, index: number) => unknown,
): void {
  for (const name of names) {
    if (Object.hasOwn(copy, name)) continue; // an own property of the row is the row's value
    let value: unknown;
    try {
      value = (row as Record<string, unknown>)[name];
    } catch (error) {
      Object.defineProperty(copy, name, { get: () => rethrow(error), enumerable: false, configurable: true });
      continue;
    }
    Object.defineProperty(copy, name, { value: format(name, value, index), enumerable: false, writable: true, configurable: true });
  }
}

/** Throws `error`: the getter of a copied key whose getter on the row threw. */
function rethrow(error: unknown): never {
  throw error;
}

/** The first own key whose getter throws, to name the column of a row that could not be copied. */
function throwingKey(row: object): string | undefined {
  let keys: string[];
  try {
    keys = Object.keys(row);
  } catch {
    return undefined; // the ownKeys trap itself threw
  }
  for (const key of keys) {
    try {
      void (row as Record<string, unknown>)[key];
    } catch {
      return key;
    }
  }
  return undefined;
}
