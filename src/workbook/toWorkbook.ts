import type { Readable } from 'node:stream';
import { normaliseColumns } from '../columns/resolveColumns.js';
import { invalidOption } from '../errors.js';
import { resolveWriterOptions } from '../internal/writerOptions.js';
import { RowReader, assertRows } from '../sources/rowReader.js';
import type { ColumnSpec, DateFormat, Rows, WriterOptions } from '../types.js';
import { type SheetExtraOptions, resolveSheetExtras } from '../xlsx/extras.js';
import { type XlsxLookOptions, resolveLook } from '../xlsx/options.js';
import { SheetNames } from '../xlsx/sheetName.js';
import { streamWorkbook } from '../xlsx/streamWorkbook.js';
import type { SheetJob } from '../xlsx/writeSheet.js';
import { SHEET_SPEC_KEYS, TO_WORKBOOK_KEYS, checkOptionKeys } from '../internal/optionKeys.js';

/** One sheet of {@link toWorkbook}: its name, rows, columns, and options of its own. */
export interface SheetSpec<T = Record<string, unknown>> extends SheetExtraOptions {
  /** Sheet name; repaired if Excel would refuse it (≤ 31 characters, no `[]:*?/\`, unique). */
  readonly name: string;
  /** The sheet's rows: any `Iterable` or `AsyncIterable`. Read when the sheet before it is done. */
  readonly rows: Rows<T>;
  /** Which columns, in order, with headers, types and widths. @default the first row's keys */
  readonly columns?: readonly ColumnSpec<T>[] | undefined;
  /** Write a header row on this sheet. @default the workbook's `header` */
  readonly header?: boolean | undefined;
  /** Date rendering of this sheet. @default the workbook's `dateFormat` */
  readonly dateFormat?: DateFormat | undefined;
  /** Time zone of this sheet's dates. @default the workbook's `timeZone` */
  readonly timeZone?: string | undefined;
  /** Most rows this sheet may have. @default the workbook's `maxRows` */
  readonly maxRows?: number | undefined;
}

/** Options of {@link toWorkbook}: the shared writer options (`maxRows` per sheet) and the look of every sheet. */
export interface ToWorkbookOptions extends Omit<WriterOptions, 'columns'>, XlsxLookOptions {}

/**
 * Streams several sheets as one Excel workbook, in order, with one look: each sheet has its own
 * columns, types and widths. Sheets are read one after another, so memory stays flat.
 * @param sheets - The sheets, in workbook order.
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
export function toWorkbook(sheets: readonly SheetSpec<any>[], options: ToWorkbookOptions = {}): Readable {
  if (!Array.isArray(sheets) || sheets.length === 0) throw invalidOption('sheets', 'a non-empty array of { name, rows, columns? }', sheets);
  const base = resolveWriterOptions(options);
  checkOptionKeys(options, TO_WORKBOOK_KEYS);
  const look = resolveLook(options);
  const names = new SheetNames();
  const jobs: SheetJob[] = sheets.map((spec: SheetSpec<unknown>, i) => {
    const where = `sheets[${i}]`;
    if (spec === null || typeof spec !== 'object') throw invalidOption(where, 'a { name, rows, columns? } object', spec);
    checkOptionKeys(spec, SHEET_SPEC_KEYS, `${where}.`);
    if (typeof spec.name !== 'string') throw invalidOption(`${where}.name`, 'a string', spec.name);
    assertRows(spec.rows);
    normaliseColumns(spec.columns, `${where}.columns`); // checked here too, so errors name the sheet
    const {
      columns,
      header = base.header,
      dateFormat = base.dateFormat,
      timeZone = base.timeZone,
      maxRows = base.maxRows,
    } = spec;
    const shared = resolveWriterOptions({ columns, header, dateFormat, timeZone, maxRows });
    return {
      requestedName: spec.name,
      name: names.add(spec.name, `Sheet${i + 1}`),
      reader: new RowReader(spec.rows, shared.maxRows),
      options: shared,
      extras: resolveSheetExtras(spec, `${where}.`),
    };
  });
  return streamWorkbook({
    sheets: jobs,
    names,
    look,
    signal: base.signal,
    onProgress: base.onProgress,
    progressInterval: base.progressInterval,
    total: base.total,
  });
}
