import { checkRow, readFailed, setOwn } from '../sources/rowShape.js';
import { mapRows } from '../sources/mapRows.js';
import { assertRows, claimRows } from '../sources/rowReader.js';
import type { DateFormat, Rows } from '../types.js';
import { DATE_FNS } from './compile.js';
import { rendererFor } from './formatDate.js';
import { optionKeys, ownOptions } from '../base/optionKeys.js';
import { isDate } from '../base/isDate.js';

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

type Formatted<T> = T extends readonly unknown[] ? unknown[] : { [K in keyof T]: T[K] extends Date ? string : T[K] };

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
export function formatDates<T extends object>(rows: Rows<T>, format: DateFormat, options: FormatDatesOptions = {}): AsyncIterable<Formatted<T>> {
  assertRows(rows);
  const { timeZone, columns: only } = ownOptions(options, FORMAT_DATES_KEYS);
  const renderer = rendererFor(format, timeZone ?? 'UTC');
  claimRows(rows);
  let arrays: boolean | undefined;
  const formatRow = (row: T, index: number): Formatted<T> => {
    checkRow(row, index, arrays);
    arrays ??= Array.isArray(row);
    if (Array.isArray(row)) {
      return row.map((v: unknown, c) =>
        (only ? only.includes(String(c)) && v !== null && v !== undefined && v !== '' : isDate(v)) ? renderer.value(v, index, String(c)) : v,
      ) as Formatted<T>;
    }
    let copy: Record<string, unknown>;
    try {
      copy = { ...(row as Record<string, unknown>) };
    } catch (error) {
      throw readFailed(error, index, throwingKey(row)); // a getter or a Proxy trap of the row threw
    }
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
    return copy as Formatted<T>;
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
