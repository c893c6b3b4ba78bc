import { type ResolvedColumn, bindColumns, checkRow, readFailed } from '../columns/resolveColumns.js';
import { RowportError, RowportErrorCode, at } from '../errors.js';
import { CHUNK_CHARS } from '../internal/chunks.js';
import { Utf8Chunk } from '../internal/utf8Chunk.js';
import type { ResolvedWriterOptions } from '../internal/writerOptions.js';
import type { RowReader } from '../sources/rowReader.js';
import { fitWidths } from './autoFit.js';
import { type CellWriter, compileCell } from './cells.js';
import type { SheetExtras } from './extras.js';
import { MAX_SHEET_COLUMNS, columnLetters } from './cellRef.js';
import { MAX_SHEET_ROWS, headerRow } from './sheetXml.js';
import { type SheetPart, openPart } from './sheetPart.js';
import type { WorkbookState } from './workbookState.js';
import { RowportWarningCode } from './warnings.js';

/** One sheet to write: its rows, options and features. */
export interface SheetJob<T = unknown> {
  /** The name asked for. */
  readonly requestedName: string;
  /** The name as written (repaired, unique). */
  readonly name: string;
  readonly reader: RowReader<T>;
  readonly options: ResolvedWriterOptions<T>;
  readonly extras: readonly SheetExtras[];
}

/** Rows read from the source at a time: few, because the rows of a batch stay alive together through a GC. */
const BATCH = 64;
/** Width Excel gives a column without `<col>` (Calibri 11). */
const DEFAULT_WIDTH = 8.43;

/**
 * Streams one sheet into the zip: reads the auto-fit sample, writes the head and header, then the
 * rows in ~64 KiB pieces with backpressure; past 1,048,576 rows continues on `Name (2)`.
 * @throws {RowportError} For source failures, bad values, `ROWPORT_ROW_LIMIT`; never after a cancel.
 */
export async function writeSheet<T>(job: SheetJob<T>, state: WorkbookState): Promise<void> {
  const { reader, options } = job;
  const { look, progress } = state;
  if (job.name !== job.requestedName) {
    state.warn(RowportWarningCode.SheetRenamed, `sheet name ${JSON.stringify(job.requestedName)} was written as ${JSON.stringify(job.name)}`, job.name);
  }
  let pending = await read(reader, BATCH);
  const columns = bindColumns(options.columns, pending[0]);
  if (columns.length > MAX_SHEET_COLUMNS) {
    throw new RowportError(RowportErrorCode.InvalidValue, `a sheet holds at most ${MAX_SHEET_COLUMNS} columns, got ${columns.length}`);
  }
  const header = options.header && columns.length > 0 && !(options.columns === undefined && Array.isArray(pending[0]));
  const fit = look.autoFit;
  if (fit !== undefined && columns.some((c) => c.width === undefined)) {
    while (pending.length < fit.sampleRows && !reader.finished) pending = pending.concat(await read(reader, BATCH));
  }
  const widths = fitWidths(columns, pending.slice(0, fit?.sampleRows ?? 0), header, header && look.autoFilter, options.dateFormat, fit);
  let sheetName = job.name;
  const cellContext = {
    zone: options.zone,
    dateFormat: options.dateFormat,
    styles: state.styles,
    wrapText: look.wrapText,
    warn: (code: RowportWarningCode, message: string, row: number, column: string) =>
      state.warn(code, `${at(row, column)}${message}`, sheetName, row, column),
  };
  const cells: CellWriter[] = columns.map((c, i) => compileCell(c, cellContext, widths[i] ?? DEFAULT_WIDTH));
  const letters = columns.map((_, i) => columnLetters(i));
  const layout = { columns, widths, header, headerXml: header ? headerRow(columns.map((c) => c.header), state.styles.headerCell()) : '' };

  let part: SheetPart = openPart(state, job, layout, sheetName, 1);
  let sheetRows = 0;
  progress.sheet = sheetName;
  progress.sheetRows = 0;
  // Rows are encoded one by one (far faster than encoding one long concatenated string).
  const chunk = new Utf8Chunk();
  chunk.add(part.start);
  let rowNumber = header ? 1 : 0;
  let index = reader.index - pending.length;
  const width = columns.length;
  const arrays = Array.isArray(pending[0]); // every row must be the kind of the first
  for (;;) {
    for (let i = 0; i < pending.length; i++, index++) {
      const row = pending[i];
      if (rowNumber === MAX_SHEET_ROWS) {
        if (look.onRowLimit === 'error') {
          throw new RowportError(
            RowportErrorCode.RowLimit,
            `${at(index, undefined)}sheet ${JSON.stringify(sheetName)} is full (${MAX_SHEET_ROWS} rows); use onRowLimit: 'newSheet' to continue on a new sheet`,
            { row: index },
          );
        }
        await part.write(chunk.take());
        await part.finish('', rowNumber);
        sheetName = state.names.continuation(job.name, part.number + 1);
        state.warn(RowportWarningCode.SheetContinued, `${at(index, undefined)}the rows continue on sheet ${JSON.stringify(sheetName)}`, sheetName, index);
        part = openPart(state, job, layout, sheetName, part.number + 1);
        sheetRows = 0;
        progress.sheet = sheetName;
        progress.sheetRows = 0;
        chunk.add(part.start);
        rowNumber = header ? 1 : 0;
      }
      checkRow(row, index, arrays);
      rowNumber++;
      let xml = `<row r="${rowNumber}">`;
      let c = 0;
      try {
        for (; c < width; c++) {
          xml += (cells[c] as CellWriter)((columns[c] as ResolvedColumn).read(row, index), index, (letters[c] as string) + rowNumber);
        }
      } catch (error) {
        throw readFailed(error, index, columns[c]?.key); // a getter or a Proxy trap of the row threw
      }
      chunk.add(`${xml}</row>`);
      progress.sheetRows = ++sheetRows;
      progress.row();
      if (chunk.chars >= CHUNK_CHARS) await part.write(chunk.take());
    }
    if (reader.finished) break;
    pending = await read(reader, BATCH);
    if (pending.length === 0) break;
  }
  await part.write(chunk.take());
  await part.finish('', rowNumber);
}

// --- internal ---

async function read<T>(reader: RowReader<T>, max: number): Promise<T[]> {
  const batch = reader.readBatch(max);
  return Array.isArray(batch) ? batch : await batch;
}
