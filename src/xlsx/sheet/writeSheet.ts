import { readFailed } from '../../sources/rowShape.js';
import { RowShape, nextBatch } from '../../sources/rowLoop.js';
import { RowportError, RowportErrorCode, at } from '../../errors.js';
import { CHUNK_CHARS } from '../../writer/chunks.js';
import type { TextChunk } from '../../platform/platform.js';
import type { RowReader } from '../../sources/rowReader.js';
import { fitWidths } from '../cells/autoFit.js';
import { type CellWriter, compileCell } from '../cells/cells.js';
import type { SheetHooks, SheetStart } from '../seam/feature.js';
import type { StyleRegistry } from '../package/styles.js';
import type { WorkbookState } from './workbookState.js';
import type { ResolvedSheet } from '../resolve/resolveSheet.js';
import type { SheetColumn } from '../settings/sheetSettings.js';
import { RowportWarningCode } from '../xml/warnings.js';
import { MissingKeys, missingKeyMessage } from '../../columns/missingKeys.js';
import { cellText } from '../xml/xmlText.js';
import { ownProperties } from '../../base/optionKeys.js';
import { MAX_SHEET_COLUMNS, columnLetters } from '../xml/cellRef.js';
import { type SheetLayout, type SheetPart, openPart } from './sheetPart.js';
import { DEFAULT_WIDTH, MAX_SHEET_ROWS, headerRow } from '../xml/sheetXml.js';

/** One sheet to write: the resolved sheet and the reader of its rows. */
export interface SheetJob {
  readonly sheet: ResolvedSheet;
  readonly reader: RowReader<unknown>;
}

/**
 * Streams one sheet into the zip: reads the auto-fit sample, binds the columns and starts the
 * features, writes the head and header, then the rows in ~64 KiB pieces with backpressure; past
 * 1,048,576 rows continues on `Name (2)`.
 * @throws {RowportError} For source failures, bad values, `ROWPORT_ROW_LIMIT`; never after a cancel.
 */
export async function writeSheet(job: SheetJob, state: WorkbookState): Promise<void> {
  const { sheet } = job;
  if (sheet.name !== sheet.requestedName) {
    state.warn(RowportWarningCode.SheetRenamed, `sheet name ${JSON.stringify(sheet.requestedName)} was written as ${JSON.stringify(sheet.name)}`, sheet.name);
  }
  const sample = await readSample(job);
  const current = { name: sheet.name }; // the physical sheet being written: `Name (2)` past the row limit
  const warn: Warn = (code, message, row, column) => state.warn(code, row === undefined ? message : `${at(row, column)}${message}`, current.name, row, column);
  const plan = startFeatures(sheet, state, sample, warn);
  await writeRows(job, state, sample, plan, current);
}

// --- internal ---

/** Reports a warning with the name of the physical sheet being written. */
type Warn = (code: RowportWarningCode, message: string, row?: number, column?: string) => void;

/** The first rows read, and the columns bound to them. */
interface SheetSample {
  /** The rows read so far, not yet written: the first batch, or as many as auto-fit samples. */
  readonly rows: readonly unknown[];
  readonly columns: readonly SheetColumn[];
  /** True when a header row is written. */
  readonly header: boolean;
  readonly widths: ReturnType<typeof fitWidths>;
}

/** What the row loop writes with, once the features are started. */
interface SheetPlan {
  readonly cells: readonly CellWriter[];
  /** Column letters, by position. */
  readonly letters: readonly string[];
  readonly beforeRow: readonly NonNullable<SheetHooks['beforeRow']>[];
  readonly observers: readonly NonNullable<SheetHooks['observe']>[];
  readonly layout: SheetLayout;
  readonly firstDataRow: number;
  /** The last row a data row may take: a feature's rows under the data (a totals row) need room. */
  readonly lastDataRowAllowed: number;
}

/**
 * Reads the first batch, binds the columns to its first row, and with auto-fit reads on until
 * the sample is complete, then sizes the columns.
 * @throws {RowportError} `ROWPORT_INVALID_VALUE` for a first row wider than a sheet.
 */
async function readSample({ reader, sheet }: SheetJob): Promise<SheetSample> {
  let rows = await nextBatch(reader);
  const columns = sheet.bindColumns(rows[0]);
  if (columns.length > MAX_SHEET_COLUMNS) {
    const what = Array.isArray(rows[0]) ? 'items' : 'keys';
    throw new RowportError(
      RowportErrorCode.InvalidValue,
      `${at(0, undefined)}a sheet holds at most ${MAX_SHEET_COLUMNS} columns, and the first row has ${columns.length} ${what}; pass \`columns\` to pick some`,
      { row: 0 },
    );
  }
  const header = sheet.header && columns.length > 0 && !(sheet.columns === undefined && Array.isArray(rows[0]));
  const fit = sheet.look.autoFit;
  if (fit !== undefined && columns.some((c) => c.width === undefined)) {
    while (rows.length < fit.sampleRows && !reader.finished) rows = rows.concat(await nextBatch(reader));
  }
  const widths = fitWidths(columns, rows.slice(0, fit?.sampleRows ?? 0), header, header && sheet.look.autoFilter, fit);
  return { rows, columns, header, widths };
}

/**
 * Starts each feature in order (its rows above taking room under the previous one's), then
 * compiles each column's cell writer (a feature's `cell` hook first), the header texts and the
 * layout every physical sheet shares.
 */
function startFeatures(sheet: ResolvedSheet, state: WorkbookState, sample: SheetSample, warn: Warn): SheetPlan {
  const { columns, widths, header } = sample;
  const { look } = sheet;
  const headerRowNumber = sheet.rowsAbove + 1;
  const firstDataRow = headerRowNumber + (header ? 1 : 0);
  let ownFirstRow = 1;
  const { book } = state;
  const shared = <T>(key: string, make: () => T): T => book.shared(key, make);
  const hooks: SheetHooks[] = sheet.features.map((feature) => {
    const start: SheetStart = {
      settings: sheet,
      columns,
      widths,
      header,
      headerRow: headerRowNumber,
      firstDataRow,
      ownFirstRow,
      styles: state.styles,
      warn,
      shared,
      workbook: book,
    };
    ownFirstRow += feature.rowsAbove ?? 0;
    return ownProperties(feature.start(start)); // a hook left out is never one inherited from Object.prototype
  });
  const cellContext = { zone: sheet.zone, dateFormat: sheet.dateFormat, styles: state.styles, wrapText: look.wrapText, warn, strings: state.strings };
  const cells: CellWriter[] = columns.map((c, i) => {
    const styles = columnStyles(hooks, c, i, state.styles);
    return firstDefined(hooks, (h) => h.cell?.(c, i, styles)) ?? compileCell(c, { ...cellContext, styles }, widths[i] ?? DEFAULT_WIDTH);
  });
  const observers = hooks.flatMap((h) => (h.observe ? [h.observe.bind(h)] : []));
  const beforeRow = hooks.flatMap((h) => (h.beforeRow ? [h.beforeRow.bind(h)] : []));
  const lastDataRowAllowed = MAX_SHEET_ROWS - sheet.features.reduce((n, f) => n + (f.rowsBelow ?? 0), 0);
  let headerTexts: readonly string[] = header ? columns.map((c) => headerText(c, warn)) : [];
  for (const h of hooks) if (h.headers) headerTexts = h.headers(headerTexts);
  const letters = columns.map((_, i) => columnLetters(i));
  const layout: SheetLayout = {
    widths,
    frozenRows: header && look.freezeHeader ? headerRowNumber : 0,
    headerXml: header ? headerRow(headerTexts, state.styles.headerCell(), headerRowNumber) : '',
    hooks,
    names: sheet.features.map((f) => f.name),
    firstDataRow,
  };
  return { cells, letters, beforeRow, observers, layout, firstDataRow, lastDataRowAllowed };
}

/**
 * The row loop: the sample's rows, then batch after batch, each row checked, run through the
 * features' `beforeRow`, written cell by cell and shown to the observers; a chunk goes to the
 * zip when full. Runs per row: nothing here allocates a closure or a promise per row.
 */
async function writeRows(job: SheetJob, state: WorkbookState, sample: SheetSample, plan: SheetPlan, current: { name: string }): Promise<void> {
  const { reader, sheet } = job;
  const { progress } = state;
  const { columns } = sample;
  const { cells, letters, beforeRow, observers, firstDataRow, lastDataRowAllowed } = plan;
  const refs = sheet.look.cellReferences;
  let part: SheetPart = openPart(state, plan.layout, { name: current.name, part: 1 });
  let sheetRows = 0;
  progress.sheet = current.name;
  progress.sheetRows = 0;
  // Rows are encoded one by one (far faster than encoding one long concatenated string).
  const chunk = state.platform.textChunk();
  chunk.add(part.start);
  let rowNumber = firstDataRow - 1;
  let pending = sample.rows;
  let index = reader.index - pending.length;
  const width = columns.length;
  const shape = new RowShape(pending[0], { width, positions: sheet.columns === undefined });
  const values: unknown[] = observers.length > 0 ? new Array(columns.length) : [];
  // keys of `columns` no row had yet (a typo), reported at the end of the sheet
  const missing = sheet.look.onWarning === undefined ? undefined : MissingKeys.track(columns, sheet.columns !== undefined, pending[0]);
  for (;;) {
    for (let i = 0; i < pending.length; i++, index++) {
      const row = pending[i];
      if (rowNumber === lastDataRowAllowed) {
        part = await continueSheet(job, state, { part, chunk, current, layout: plan.layout }, rowNumber, index);
        sheetRows = 0;
        rowNumber = firstDataRow - 1;
      }
      shape.check(row, index);
      rowNumber++;
      for (let b = 0; b < beforeRow.length; b++) (beforeRow[b] as NonNullable<SheetHooks['beforeRow']>)(row, index, rowNumber);
      let xml = `<row r="${rowNumber}">`;
      let c = 0;
      try {
        if (!refs) {
          xml += cellsWithoutRefs(plan, columns, row, index, rowNumber, observers.length > 0 ? values : undefined);
          c = width;
        } else if (observers.length === 0) {
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
      if (missing?.pending) missing.observe(row);
      progress.sheetRows = ++sheetRows;
      progress.row();
      if (chunk.chars >= CHUNK_CHARS) await part.write(chunk.take());
    }
    if (reader.finished) break;
    pending = await nextBatch(reader);
    if (pending.length === 0) break;
  }
  await part.write(chunk.take());
  await part.finish(rowNumber);
  for (const key of missing?.missing ?? []) state.warn(RowportWarningCode.UnknownColumn, missingKeyMessage(key, index), sheet.name, undefined, key);
}

/**
 * One row's cells with `cellReferences: false`: a cell that follows the one before it in its row (the
 * first cell in column A, or the next after a written cell) loses its `r="B12"`, which a reader
 * infers; a cell after an empty one (a skipped column) keeps it. Every cell writer starts its cell
 * with `<c r="REF"`; one that did not would be kept as it is.
 * @param values - Filled with the row's values when features observe them.
 */
function cellsWithoutRefs(
  plan: SheetPlan,
  columns: readonly SheetColumn[],
  row: unknown,
  index: number,
  rowNumber: number,
  values: unknown[] | undefined,
): string {
  const { cells, letters } = plan;
  let xml = '';
  let follows = true;
  let c = 0;
  try {
    for (; c < cells.length; c++) {
      const value = (columns[c] as SheetColumn).read(row, index);
      if (values !== undefined) values[c] = value;
      const ref = (letters[c] as string) + rowNumber;
      const cell = (cells[c] as CellWriter)(value, index, ref);
      if (cell === '') {
        follows = false;
        continue;
      }
      // `<c r="` is 6 characters, then the reference and its closing quote
      xml +=
        follows && cell.charCodeAt(6 + ref.length) === 34 && cell.startsWith(ref, 6) && cell.startsWith('<c r="') ? `<c${cell.slice(7 + ref.length)}` : cell;
      follows = true;
    }
  } catch (error) {
    throw readFailed(error, index, columns[c]?.key); // a getter or a Proxy trap of the row threw
  }
  return xml;
}

/** The physical sheet being written, and what a continuation needs to open the next one. */
interface PartInProgress {
  readonly part: SheetPart;
  readonly chunk: TextChunk;
  readonly current: { name: string };
  readonly layout: SheetLayout;
}

/**
 * The sheet is full at row `index`: with `onRowLimit: 'newSheet'`, finishes this physical sheet
 * and opens `Name (2)` (then 3, …) with the same layout, its rows starting under its header.
 * @returns The new part, its head already in `chunk`.
 * @throws {RowportError} `ROWPORT_ROW_LIMIT` with `onRowLimit: 'error'`.
 */
async function continueSheet({ sheet }: SheetJob, state: WorkbookState, full: PartInProgress, rowNumber: number, index: number): Promise<SheetPart> {
  const { part, chunk, current } = full;
  if (sheet.look.onRowLimit === 'error') {
    throw new RowportError(
      RowportErrorCode.RowLimit,
      `${at(index, undefined)}sheet ${JSON.stringify(current.name)} is full (${MAX_SHEET_ROWS} rows); use onRowLimit: 'newSheet' to continue on a new sheet`,
      { row: index },
    );
  }
  await part.write(chunk.take());
  await part.finish(rowNumber);
  current.name = state.names.continuation(sheet.name, part.part + 1);
  state.warn(RowportWarningCode.SheetContinued, `${at(index, undefined)}the rows continue on sheet ${JSON.stringify(current.name)}`, current.name, index);
  const next = openPart(state, full.layout, { name: current.name, part: part.part + 1 });
  state.progress.sheet = current.name;
  state.progress.sheetRows = 0;
  chunk.add(next.start);
  return next;
}

/** A header as a cell holds it: lone surrogates replaced and cut to Excel's limit, as data cells are, with warnings. */
function headerText(column: SheetColumn, warn: Warn): string {
  return cellText(column.header, warn, undefined, column.key, `the header of column ${JSON.stringify(column.key)}: `);
}

/** The registry a column's cells intern their formats in: the workbook's, with the features' column formats laid over. */
function columnStyles(hooks: readonly SheetHooks[], column: SheetColumn, c: number, styles: StyleRegistry): StyleRegistry {
  let protection: string | undefined;
  for (const h of hooks) protection = h.columnFormat?.(column, c)?.protection ?? protection;
  return protection === undefined ? styles : styles.withProtection(protection);
}

function firstDefined<T, R>(items: readonly T[], pick: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const found = pick(item);
    if (found !== undefined) return found;
  }
  return undefined;
}
