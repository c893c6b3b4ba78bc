import type { Readable } from 'node:stream';
import type { CheckedColumns, Rows } from '../types.js';
import type { XlsxColumnSpec } from '../xlsx/features/features.js';
import type { ToXlsxOptions } from '../xlsx/resolve/options.js';
import { xlsxJob } from '../xlsx/toXlsx.js';
import { streamWorkbook } from './streamWorkbook.js';

/**
 * Streams rows as an Excel workbook (XLSX) with one sheet: typed cells (numbers, dates as serials,
 * booleans), a bold header on a blue fill, the header row frozen, an autofilter and fitted column
 * widths by default. Memory stays flat: only the auto-fit sample (300 rows) is held.
 * @param rows - Objects or arrays from any `Iterable` or `AsyncIterable` (arrays, generators,
 *   object-mode `Readable`s, `ReadableStream`s).
 * @param options - Columns, sheet name, look, limits, progress and cancellation. With typed rows, a
 *   literal column key that is not a key or dot path of the row (`'nmae'`) is a compile error;
 *   computed (`value`) and `formula` columns take any key.
 * @returns A byte `Readable` of the `.xlsx` file. Bytes flow before the source ends; destroying it
 *   calls `return()` on the source. The same rows and options give the same bytes.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` or `ROWPORT_INVALID_SOURCE` straight away. Errors in
 *   rows (`ROWPORT_INVALID_VALUE`, `ROWPORT_INVALID_DATE`, `ROWPORT_SOURCE_FAILED`, `ROWPORT_ROW_LIMIT`,
 *   `ROWPORT_ABORTED`, …) destroy the stream; nothing is emitted after them.
 * @example
 * await pipeline(
 *   toXlsx([{ name: 'Ada', score: 0.93 }], { sheetName: 'Scores', columns: ['name', { key: 'score', type: 'percent' }] }),
 *   createWriteStream('scores.xlsx'),
 * );
 * //=> scores.xlsx: sheet "Scores", A1 "name" B1 "score" (bold, blue), A2 "Ada", B2 0.93 shown as 93.00%
 */
export function toXlsx<T, const C extends readonly XlsxColumnSpec<T>[] = readonly XlsxColumnSpec<T>[]>(
  rows: Rows<T>,
  options: Omit<ToXlsxOptions<T>, 'columns'> & { readonly columns?: CheckedColumns<T, C> | undefined } = {},
): Readable {
  return streamWorkbook(xlsxJob(rows, options as ToXlsxOptions<T>));
}
