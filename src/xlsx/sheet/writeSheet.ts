import { checkRow, longerRow, readFailed } from '../../sources/rowShape.js';
import { RowportError, RowportErrorCode, at } from '../../errors.js';
import { CHUNK_CHARS } from '../../writer/chunks.js';
import { Utf8Chunk } from '../../writer/utf8Chunk.js';
import type { RowReader } from '../../sources/rowReader.js';
import { fitWidths } from '../cells/autoFit.js';
import { type CellWriter, compileCell } from '../cells/cells.js';
import type { SheetHooks, SheetStart } from '../seam/feature.js';
import type { WorkbookState } from './workbookState.js';
import type { ResolvedSheet } from '../resolve/resolveSheet.js';
import type { SheetColumn } from '../settings/sheetSettings.js';
import { RowportWarningCode } from '../xml/warnings.js';
import { cellText } from '../xml/xmlText.js';
import { ownProperties } from '../../base/optionKeys.js';
import { MAX_SHEET_COLUMNS, columnLetters } from '../xml/cellRef.js';
import { type SheetPart, openPart } from './sheetPart.js';
import { DEFAULT_WIDTH, MAX_SHEET_ROWS, headerRow } from '../xml/sheetXml.js';

/** One sheet to write: the resolved sheet and the reader of its rows. */
export interface SheetJob {
  readonly sheet: ResolvedSheet;
  readonly reader: RowReader<unknown>;
}

/** Rows read from the source at a time: few, because the rows of a batch stay alive together through a GC. */
const BATCH = 64;

/**
 * Streams one sheet into the zip: reads the auto-fit sample, binds the columns and starts the
 * features, writes the head and header, then the rows in ~64 KiB pieces with backpressure; past
 * 1,048,576 rows continues on `Name (2)`.
 * @throws {RowportError} For source failures, bad values, `ROWPORT_ROW_LIMIT`; never after a cancel.
 */
export async function writeSheet(job: SheetJob, state: WorkbookState): Promise<void> {
  const { reader, sheet } = job;
  const { look } = sheet;
  const { progress } = state;
  if (sheet.name !== sheet.requestedName) {
    state.warn(RowportWarningCode.SheetRenamed, `sheet name ${JSON.stringify(sheet.requestedName)} was written as ${JSON.stringify(sheet.name)}`, sheet.name);
  }
  let pending = await read(reader, BATCH);
  const columns = sheet.bindColumns(pending[0]);
  if (columns.length > MAX_SHEET_COLUMNS) {
    const what = Array.isArray(pending[0]) ? 'items' : 'keys';
    throw new RowportError(RowportErrorCode.InvalidValue, `${at(0, undefined)}a sheet holds at most ${MAX_SHEET_COLUMNS} columns, and the first row has ${columns.length} ${what}; pass \`columns\` to pick some`, { row: 0 });
  }
  const header = sheet.header && columns.length > 0 && !(sheet.columns === undefined && Array.isArray(pending[0]));
  const fit = look.autoFit;
  if (fit !== undefined && columns.some((c) => c.width === undefined)) {
    while (pending.length < fit.sampleRows && !reader.finished) pending = pending.concat(await read(reader, BATCH));
  }
  const widths = fitWidths(columns, pending.slice(0, fit?.sampleRows ?? 0), header, header && look.autoFilter, fit);
  let sheetName = sheet.name;
  const warn = (code: RowportWarningCode, message: string, row?: number, column?: string): void =>
    state.warn(code, row === undefined ? message : `${at(row, column)}${message}`, sheetName, row, column);
  const headerRowNumber = sheet.rowsAbove + 1;
  const firstDataRow = headerRowNumber + (header ? 1 : 0);
  let ownFirstRow = 1;
  const { book } = state;
  const shared = <T>(key: string, make: () => T): T => book.shared(key, make);
  const hooks: SheetHooks[] = sheet.features.map((feature) => {
    const start: SheetStart = { settings: sheet, columns, widths, header, headerRow: headerRowNumber, firstDataRow, ownFirstRow, styles: state.styles, warn, shared, workbook: book };
    ownFirstRow += feature.rowsAbove ?? 0;
    return ownProperties(feature.start(start)); // a hook left out is never one inherited from Object.prototype
  });
  const cellContext = { zone: sheet.zone, dateFormat: sheet.dateFormat, styles: state.styles, wrapText: look.wrapText, warn };
  const cells: CellWriter[] = columns.map(
    (c, i) => firstDefined(hooks, (h) => h.cell?.(c, i)) ?? compileCell(c, cellContext, widths[i] ?? DEFAULT_WIDTH),
  );
  const observers = hooks.flatMap((h) => (h.observe ? [h.observe.bind(h)] : []));
  const beforeRow = hooks.flatMap((h) => (h.beforeRow ? [h.beforeRow.bind(h)] : []));
  // A feature's rows under the data (a totals row) need room on the sheet.
  const lastDataRowAllowed = MAX_SHEET_ROWS - sheet.features.reduce((n, f) => n + (f.rowsBelow ?? 0), 0);
  let headerTexts: readonly string[] = header ? columns.map((c) => headerText(c, warn)) : [];
  for (const h of hooks) if (h.headers) headerTexts = h.headers(headerTexts);
  const values: unknown[] = observers.length > 0 ? new Array(columns.length) : [];
  const letters = columns.map((_, i) => columnLetters(i));
  const layout = {
    widths,
    frozenRows: header && look.freezeHeader ? headerRowNumber : 0,
    headerXml: header ? headerRow(headerTexts, state.styles.headerCell(), headerRowNumber) : '',
    hooks,
    names: sheet.features.map((f) => f.name),
    firstDataRow,
  };

  let part: SheetPart = openPart(state, layout, { name: sheetName, number: 1 });
  let sheetRows = 0;
  progress.sheet = sheetName;
  progress.sheetRows = 0;
  // Rows are encoded one by one (far faster than encoding one long concatenated string).
  const chunk = new Utf8Chunk();
  chunk.add(part.start);
  let rowNumber = firstDataRow - 1;
  let index = reader.index - pending.length;
  const width = columns.length;
  const arrays = Array.isArray(pending[0]); // every row must be the kind of the first
  const positions = arrays && sheet.columns === undefined; // one column per item of the first row
  for (;;) {
    for (let i = 0; i < pending.length; i++, index++) {
      const row = pending[i];
      if (rowNumber === lastDataRowAllowed) {
        if (look.onRowLimit === 'error') {
          throw new RowportError(
            RowportErrorCode.RowLimit,
            `${at(index, undefined)}sheet ${JSON.stringify(sheetName)} is full (${MAX_SHEET_ROWS} rows); use onRowLimit: 'newSheet' to continue on a new sheet`,
            { row: index },
          );
        }
        await part.write(chunk.take());
        await part.finish(rowNumber);
        sheetName = state.names.continuation(sheet.name, part.number + 1);
        state.warn(RowportWarningCode.SheetContinued, `${at(index, undefined)}the rows continue on sheet ${JSON.stringify(sheetName)}`, sheetName, index);
        part = openPart(state, layout, { name: sheetName, number: part.number + 1 });
        sheetRows = 0;
        progress.sheet = sheetName;
        progress.sheetRows = 0;
        chunk.add(part.start);
        rowNumber = firstDataRow - 1;
      }
      checkRow(row, index, arrays);
      if (positions && (row as unknown[]).length > width) throw longerRow(row as unknown[], index, width);
      rowNumber++;
      for (let b = 0; b < beforeRow.length; b++) (beforeRow[b] as NonNullable<SheetHooks['beforeRow']>)(row, index, rowNumber);
      let xml = `<row r="${rowNumber}">`;
      let c = 0;
      try {
        if (observers.length === 0) {
          for (; c < width; c++) {
            xml += (cells[c] as CellWriter)((columns[c] as SheetColumn).read(row, index), index, (letters[c] as string) + rowNumber);
          }
        } else {
          for (; c < width; c++) {
            const value = (columns[c] as SheetColumn).read(row, index);
            values[c] = value;
            xml += (cells[c] as CellWriter)(value, index, (letters[c] as string) + rowNumber);
          }
        }
      } catch (error) {
        throw readFailed(error, index, columns[c]?.key); // a getter or a Proxy trap of the row threw
      }
      for (const observe of observers) observe(values, rowNumber, index);
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
  await part.finish(rowNumber);
}

// --- internal ---

async function read<T>(reader: RowReader<T>, max: number): Promise<T[]> {
  const batch = reader.readBatch(max);
  return Array.isArray(batch) ? batch : await batch;
}

/** A header as a cell holds it: lone surrogates replaced and cut to Excel's limit, as data cells are, with warnings. */
function headerText(column: SheetColumn, warn: (code: RowportWarningCode, message: string, row?: number, column?: string) => void): string {
  return cellText(column.header, warn, undefined, column.key, `the header of column ${JSON.stringify(column.key)}: `);
}

function firstDefined<T, R>(items: readonly T[], pick: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const found = pick(item);
    if (found !== undefined) return found;
  }
  return undefined;
}
