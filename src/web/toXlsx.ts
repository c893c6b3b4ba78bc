import type { Rows } from '../types.js';
import type { ToXlsxOptions } from '../xlsx/resolve/options.js';
import { workbookSource } from '../xlsx/streamWorkbook.js';
import { type SheetSpecs, type ToWorkbookOptions, workbookJob } from '../xlsx/toWorkbook.js';
import { xlsxJob } from '../xlsx/toXlsx.js';
import { byteStream } from './byteStream.js';
import { WEB } from './platform.js';

/**
 * Streams rows as an Excel workbook (XLSX) with one sheet, as a WHATWG `ReadableStream`: every
 * option and feature of the Node entry's `toXlsx` (tables, charts, title blocks, conditional
 * formats…). The parts inside the zip are byte for byte the Node entry's and so are their CRCs;
 * the deflate bytes are the runtime's `CompressionStream('deflate-raw')` (`compressionLevel` 0
 * stores, any other level deflates at the runtime's own level).
 * @param rows - Objects or arrays from any `Iterable`, `AsyncIterable` or `ReadableStream`.
 * @param options - Columns, sheet name, look, limits, progress and cancellation.
 * @returns A pulled byte stream of the `.xlsx` file; `cancel()` calls `return()` on the source once.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` or `ROWPORT_INVALID_SOURCE` straight away. Errors
 *   in rows error the stream with a `RowportError`; nothing is enqueued after them.
 * @example
 * const blob = await new Response(toXlsx([{ name: 'Ada', score: 0.93 }], { sheetName: 'Scores' })).blob();
 * //=> a Blob of an .xlsx file with sheet "Scores"
 */
export function toXlsx<T>(rows: Rows<T>, options: ToXlsxOptions<T> = {}): ReadableStream<Uint8Array> {
  return byteStream(workbookSource(xlsxJob(rows, options), WEB));
}

/**
 * Streams several sheets as one Excel workbook, as a WHATWG `ReadableStream` (see `toXlsx`
 * for what is the same as on Node). Sheets are read one after another, so memory stays flat.
 * @param sheets - The sheets, in workbook order; each is typed by its own rows.
 * @param options - Look, limits, progress (`sheet` names the sheet being written) and cancellation.
 * @returns A pulled byte stream of the `.xlsx` file; `cancel()` closes every sheet's source still open.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` (naming `sheets[i].…`) or `ROWPORT_INVALID_SOURCE` straight away.
 * @example
 * const body = toWorkbook([{ name: 'Students', rows: students }, { name: 'Classes', rows: classes }]);
 * //=> return new Response(body) from a Worker's fetch handler
 */
export function toWorkbook<R extends readonly unknown[]>(sheets: SheetSpecs<R>, options: ToWorkbookOptions = {}): ReadableStream<Uint8Array> {
  return byteStream(workbookSource(workbookJob(sheets, options), WEB));
}
