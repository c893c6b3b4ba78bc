import type { Readable } from 'node:stream';
import { type SheetSpecs, type ToWorkbookOptions, workbookJob } from '../xlsx/toWorkbook.js';
import { streamWorkbook } from './streamWorkbook.js';

/**
 * Streams several sheets as one Excel workbook, in order, with one look: each sheet has its own
 * columns, types and widths. Sheets are read one after another, so memory stays flat.
 * @param sheets - The sheets, in workbook order; each is typed by its own rows (`R` is inferred per sheet).
 * @param options - Look, limits, progress (`sheet` names the sheet being written) and cancellation.
 * @returns A byte `Readable` of the `.xlsx` file. Destroying it closes every sheet's source that
 *   is still open (`return()` once each).
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` (naming `sheets[i].…`) or `ROWPORT_INVALID_SOURCE`
 *   straight away; errors in rows destroy the stream, as with `toXlsx`.
 * @example
 * await pipeline(
 *   toWorkbook([
 *     { name: 'Students', rows: students, columns: ['name', { key: 'score', type: 'decimal' }] },
 *     { name: 'Classes', rows: classes },
 *   ]),
 *   createWriteStream('report.xlsx'),
 * );
 * //=> report.xlsx with sheets "Students" and "Classes"
 */
export function toWorkbook<R extends readonly unknown[]>(sheets: SheetSpecs<R>, options: ToWorkbookOptions = {}): Readable {
  return streamWorkbook(workbookJob(sheets, options));
}
