import { DateRenderer } from '../../dates/compile.js';
import { datePattern, dateTimePattern, plainPattern } from '../../dates/presets.js';
import type { Zone } from '../../dates/zone.js';
import { invalidValue, nonFiniteText, numberText, objectText } from '../../writer/values.js';
import type { StyleRegistry } from '../package/styles.js';
import type { SheetColumn } from '../settings/sheetSettings.js';
import { RowportWarningCode } from '../xml/warnings.js';
import { MAX_CELL_CHARS, escapeText, needsPreserve, truncate, wellFormed } from '../xml/xmlText.js';
import { NUMERIC_LITERAL, exactBigint, exactDouble, xlsxNumberText } from '../../writer/numbers.js';
import { excelSerial, wallTime } from './dateSerial.js';

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
}

/**
 * Compiles the cell writer of a column once: its type, number format, style indices and dates.
 * Numbers and dates become typed cells; text is an inline string.
 * @param width - The column width in characters, past which text wraps.
 */
export function compileCell(column: SheetColumn, ctx: CellContext, width: number): CellWriter {
  const { key, type, kind } = column;
  const { zone, styles, warn } = ctx;
  const numericType = kind === 'number';
  // Each format is registered with the first cell that uses it: only the formats a sheet uses count
  // against Excel's 64,000 (a wrapped variant only where text wraps), and no date format without dates.
  let numberStyle: string | undefined;
  let dateStyle: string | undefined;
  let textStyle: string | undefined;
  let wrapStyle: string | undefined;
  const wrapText = ctx.wrapText;
  const wrapAt = Math.max(1, Math.floor(width));
  const pattern = type === 'date' ? datePattern(ctx.dateFormat) : type === 'datetime' ? dateTimePattern(ctx.dateFormat) : plainPattern(ctx.dateFormat);
  const renderer = new DateRenderer(pattern, zone);

  const text = (value: string, row: number, ref: string): string => {
    let s = value;
    const repaired = wellFormed(s);
    if (repaired !== undefined) {
      s = repaired;
      warn(RowportWarningCode.LoneSurrogate, 'a lone surrogate was replaced by U+FFFD', row, key);
    }
    if (s.length > MAX_CELL_CHARS) {
      s = truncate(s);
      warn(RowportWarningCode.TextTruncated, `text of ${value.length} characters was cut to Excel's ${MAX_CELL_CHARS}`, row, key);
    }
    const style = wrapText && (s.length > wrapAt || s.includes('\n')) ? (wrapStyle ??= attr(styles.cell(undefined, true))) : (textStyle ??= attr(styles.cell(undefined)));
    const open = needsPreserve(s) ? '<t xml:space="preserve">' : '<t>';
    return `<c r="${ref}"${style} t="inlineStr"><is>${open}${escapeText(s)}</t></is></c>`;
  };
  const number = (value: number, ref: string): string => {
    numberStyle ??= attr(styles.cell(column.numberFormat));
    if (!Number.isFinite(value)) return `<c r="${ref}"${numberStyle} t="e"><v>#NUM!</v></c>`;
    return `<c r="${ref}"${numberStyle}><v>${xlsxNumberText(value)}</v></c>`;
  };
  // A bigint or numeric string: a number when a double holds its digits, else exactly its digits as text.
  const exact = (digits: string, value: number | undefined, row: number, ref: string): string => {
    if (value !== undefined) return number(value, ref);
    warn(RowportWarningCode.NumberAsText, `${digits} has more digits than a number cell holds; it was written as text`, row, key);
    return text(digits, row, ref);
  };
  const date = (value: unknown, row: number, ref: string): string => {
    const serial = excelSerial(wallTime(value, zone, type === 'date', row, key));
    if (serial !== undefined) {
      dateStyle ??= attr(styles.cell(column.dateNumFmt));
      return `<c r="${ref}"${dateStyle}><v>${numberText(serial)}</v></c>`;
    }
    warn(RowportWarningCode.DateAsText, 'a date outside 1900-01-01…9999-12-31 was written as text', row, key);
    return text(renderer.value(value, row, key), row, ref);
  };

  if (kind === 'date') {
    return (value, row, ref) => (value === null || value === undefined || value === '' ? '' : date(value, row, ref));
  }
  if (kind === 'text') {
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
          return text(value instanceof Date ? renderer.value(value, row, key) : objectText(value, row, key), row, ref);
        default:
          throw invalidValue(value, row, key);
      }
    };
  }
  return (value, row, ref) => {
    switch (typeof value) {
      case 'string':
        if (value === '') return '';
        return numericType && NUMERIC_LITERAL.test(value) ? exact(value, exactDouble(value), row, ref) : text(value, row, ref);
      case 'number':
        return number(value, ref);
      case 'bigint':
        return exact(`${value}`, exactBigint(value), row, ref);
      case 'boolean':
        return `<c r="${ref}"${(textStyle ??= attr(styles.cell(undefined)))} t="b"><v>${value ? 1 : 0}</v></c>`;
      case 'undefined':
        return '';
      case 'object':
        if (value === null) return '';
        if (value instanceof Date) return date(value, row, ref);
        return text(objectText(value, row, key), row, ref);
      default:
        throw invalidValue(value, row, key);
    }
  };
}

// --- internal ---

const attr = (style: number): string => (style === 0 ? '' : ` s="${style}"`);
