import { DateRenderer } from '../../dates/compile.js';
import { datePattern, dateTimePattern, plainPattern } from '../../dates/presets.js';
import type { Zone } from '../../dates/zone.js';
import { invalidValue, nonFiniteText, objectText } from '../../writer/values.js';
import type { StyleRegistry } from '../package/styles.js';
import type { SharedStrings } from '../package/sharedStrings.js';
import type { SheetColumn } from '../settings/sheetSettings.js';
import { RowportWarningCode } from '../xml/warnings.js';
import { inlineStringCell } from '../xml/sheetXml.js';
import { cellText } from '../xml/xmlText.js';
import { NUMERIC_LITERAL, exactBigint, exactDouble, xlsxNumberText } from '../../writer/numbers.js';
import { excelSerial, wallTime } from './dateSerial.js';
import { isDate } from '../../base/isDate.js';

/** Writes one cell of a column as `<c>` XML; '' for an empty cell. `ref` is its address (`B7`). */
export type CellWriter = (value: unknown, row: number, ref: string) => string;

/** What compiling a column's cells needs. */
export interface CellContext {
  readonly zone: Zone;
  readonly dateFormat: string;
  readonly styles: StyleRegistry;
  /** Wrap text with a line break or longer than the column width. */
  readonly wrapText: boolean;
  readonly warn: (code: RowportWarningCode, message: string, row: number, column: string) => void;
  /** The workbook's shared-string table, which text cells refer to while it has room; none: inline strings. */
  readonly strings?: SharedStrings | undefined;
}

/**
 * Compiles the cell writer of a column once: its type, number format, style indices and dates.
 * Numbers and dates become typed cells; text a shared string (`t="s"`) while the table has room, else an inline string.
 * @param width - The column width in characters, past which text wraps.
 */
export function compileCell(column: SheetColumn, ctx: CellContext, width: number): CellWriter {
  const cells = columnCells(column, ctx, width);
  switch (column.kind) {
    case 'date':
      return dateCells(cells);
    case 'text':
      return textCells(cells, column.key);
    default:
      return anyCells(cells, column);
  }
}

// --- internal ---

/** The cells of one column by what is written, made once per column; the writers by kind call them. */
interface ColumnCells {
  /** A shared or inline string, repaired and cut as a cell holds it, with the column's text or wrap style. */
  readonly text: (value: string, row: number, ref: string) => string;
  /** A number cell in the column's number format (`#NUM!` for a non-finite one). */
  readonly number: (value: number, ref: string) => string;
  /** A bigint or numeric string: a number when a double holds its digits, else exactly its digits as text. */
  readonly exact: (digits: string, value: number | undefined, row: number, ref: string) => string;
  /** A date cell in the column's date format, or its text outside Excel's dates. */
  readonly date: (value: unknown, row: number, ref: string) => string;
  /** A boolean cell in the text style. */
  readonly boolean: (value: boolean, ref: string) => string;
  /** A date as text, in the column's date pattern. */
  readonly renderer: DateRenderer;
}

function columnCells(column: SheetColumn, ctx: CellContext, width: number): ColumnCells {
  const { key, type } = column;
  const { zone, styles, warn, wrapText, strings } = ctx;
  // Each format is registered with the first cell that uses it: only the formats a sheet uses count
  // against Excel's 64,000 (a wrapped variant only where text wraps), and no date format without dates.
  let numberStyle: string | undefined;
  let dateStyle: string | undefined;
  // Text and booleans in the column's own format, if it has one (`'@'` keeps what is typed in later as text).
  let textStyle: string | undefined;
  let wrapStyle: string | undefined;
  const wrapAt = Math.max(1, Math.floor(width));
  const pattern = type === 'date' ? datePattern(ctx.dateFormat) : type === 'datetime' ? dateTimePattern(ctx.dateFormat) : plainPattern(ctx.dateFormat);
  const renderer = new DateRenderer(pattern, zone);
  let table = strings;
  let lookups = 0;
  let repeats = 0;

  const text = (value: string, row: number, ref: string): string => {
    const s = cellText(value, warn, row, key);
    const style =
      wrapText && (s.length > wrapAt || s.includes('\n'))
        ? (wrapStyle ??= attr(styles.cell(column.numFmt, true)))
        : (textStyle ??= attr(styles.cell(column.numFmt)));
    if (table !== undefined) {
      const size = table.size;
      const shared = table.cellEnd(s);
      if (shared !== undefined && table.size === size) repeats++;
      // A column whose text seldom repeats (ids, free text) stops using the table: its lookups would
      // cost time and its strings would take the room of the columns whose text repeats.
      if (++lookups === SHARING_SAMPLE && repeats * 2 < lookups) table = undefined;
      if (shared !== undefined) return `<c r="${ref}"${style}${shared}`;
    }
    return inlineStringCell(ref, style, s);
  };
  const number = (value: number, ref: string): string => {
    numberStyle ??= attr(styles.cell(column.numberNumFmt));
    if (!Number.isFinite(value)) return `<c r="${ref}"${numberStyle} t="e"><v>#NUM!</v></c>`;
    return `<c r="${ref}"${numberStyle}><v>${xlsxNumberText(value)}</v></c>`;
  };
  const exact = (digits: string, value: number | undefined, row: number, ref: string): string => {
    if (value !== undefined) return number(value, ref);
    warn(RowportWarningCode.NumberAsText, `${digits} has more digits than a number cell holds; it was written as text`, row, key);
    return text(digits, row, ref);
  };
  const date = (value: unknown, row: number, ref: string): string => {
    const serial = excelSerial(wallTime(value, zone, type === 'date', row, key));
    if (serial !== undefined) {
      dateStyle ??= attr(styles.cell(column.dateNumFmt));
      return `<c r="${ref}"${dateStyle}><v>${xlsxNumberText(serial)}</v></c>`;
    }
    warn(RowportWarningCode.DateAsText, 'a date outside 1900-01-01…9999-12-31 was written as text', row, key);
    return text(type === 'date' ? renderer.day(value, row, key) : renderer.value(value, row, key), row, ref);
  };
  const boolean = (value: boolean, ref: string): string => `<c r="${ref}"${(textStyle ??= attr(styles.cell(column.numFmt)))} t="b"><v>${value ? 1 : 0}</v></c>`;
  return { text, number, exact, date, boolean, renderer };
}

/** A `date` or `datetime` column: every value but an empty one is a date. */
function dateCells({ date }: ColumnCells): CellWriter {
  return (value, row, ref) => (value === null || value === undefined || value === '' ? '' : date(value, row, ref));
}

/** A `string` column: every value is text, a Date in the column's date pattern. */
function textCells({ text, renderer }: ColumnCells, key: string): CellWriter {
  return (value, row, ref) => {
    switch (typeof value) {
      case 'string':
        return value === '' ? '' : text(value, row, ref);
      case 'number':
        return text(Number.isFinite(value) ? `${value}` : nonFiniteText(value), row, ref);
      case 'bigint':
      case 'boolean':
        return text(`${value}`, row, ref);
      case 'undefined':
        return '';
      case 'object':
        if (value === null) return '';
        return text(isDate(value) ? renderer.value(value, row, key) : objectText(value, row, key), row, ref);
      default:
        throw invalidValue(value, row, key);
    }
  };
}

/** A number column or one without a type: each value as what it is, a number column's numeric strings as numbers. */
function anyCells({ text, number, exact, date, boolean }: ColumnCells, column: SheetColumn): CellWriter {
  const { key } = column;
  const numericType = column.kind === 'number';
  /** A string, or an object's text: in a number column, digits (`'12.50'`, a Decimal.js value's `toJSON()`) are a number. */
  const stringCell = (s: string, row: number, ref: string): string =>
    numericType && NUMERIC_LITERAL.test(s) ? exact(s, exactDouble(s), row, ref) : text(s, row, ref);
  return (value, row, ref) => {
    switch (typeof value) {
      case 'string':
        return value === '' ? '' : stringCell(value, row, ref);
      case 'number':
        return number(value, ref);
      case 'bigint':
        return exact(`${value}`, exactBigint(value), row, ref);
      case 'boolean':
        return boolean(value, ref);
      case 'undefined':
        return '';
      case 'object':
        if (value === null) return '';
        if (isDate(value)) return date(value, row, ref);
        return stringCell(objectText(value, row, key), row, ref);
      default:
        throw invalidValue(value, row, key);
    }
  };
}

/** Text cells a column writes before it decides whether its text repeats enough to share. */
const SHARING_SAMPLE = 4096;

const attr = (style: number): string => (style === 0 ? '' : ` s="${style}"`);
