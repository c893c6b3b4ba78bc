import { tokenizePattern } from '../../dates/pattern.js';
import { datePattern, dateTimePattern, isPreset, plainPattern } from '../../dates/presets.js';
import { EXCEL_DATE_FORMATS } from '../../dates/presets.js';
import type { ColumnType } from '../../types.js';

/** Number formats of the numeric column types. */
const TYPE_FORMATS = { integer: '0', decimal: '0.00', percent: '0.00%' } as const;

/** The two kinds of typed cells that carry a number format: numbers and dates (as serials). */
export type NumberCellKind = 'number' | 'date';

/**
 * The number format of a column's cells of one kind: the one "column type → number format" rule,
 * used by the cells, auto-fit and charts. An explicit `numFmt` wins. Number cells: `integer` `0`,
 * `decimal` `0.00`, `percent` `0.00%`, else General (undefined). Date cells: from `dateFormat` and
 * the type ({@link dateNumFmt}).
 * @example cellNumFmt('date', { type: 'date', numFmt: undefined }, 'us') //=> 'mm/dd/yyyy'
 */
export function cellNumFmt(kind: 'number', column: FormatSource, dateFormat: string): string | undefined;
export function cellNumFmt(kind: 'date', column: FormatSource, dateFormat: string): string;
export function cellNumFmt(kind: NumberCellKind, column: FormatSource, dateFormat: string): string | undefined;
export function cellNumFmt(kind: NumberCellKind, { type, numFmt }: FormatSource, dateFormat: string): string | undefined {
  if (numFmt !== undefined) return numFmt;
  if (kind === 'date') return dateNumFmt(dateFormat, type);
  return type === 'integer' || type === 'decimal' || type === 'percent' ? TYPE_FORMATS[type] : undefined;
}

/** What {@link cellNumFmt} reads of a column. */
export interface FormatSource {
  readonly type: ColumnType | undefined;
  readonly numFmt: string | undefined;
}

/**
 * The Excel number format of date cells: for a `date` column, a `datetime` column, or `Date`
 * values in a column without a date type. Presets map to their Excel twins (`us` → `mm/dd/yyyy`);
 * a date-fns pattern is translated token by token (`dd.MM.yyyy HH:mm` → `dd.mm.yyyy hh:mm`).
 */
export function dateNumFmt(dateFormat: string, type: ColumnType | undefined): string {
  if (isPreset(dateFormat)) {
    const date = EXCEL_DATE_FORMATS[dateFormat === 'full' ? 'iso' : dateFormat];
    if (type === 'date') return date;
    if (type === 'datetime') return `${date} hh:mm:ss`;
    return EXCEL_DATE_FORMATS[dateFormat];
  }
  const pattern = type === 'date' ? datePattern(dateFormat) : type === 'datetime' ? dateTimePattern(dateFormat) : plainPattern(dateFormat);
  return excelDatePattern(pattern) ?? (type === 'date' ? EXCEL_DATE_FORMATS.iso : EXCEL_DATE_FORMATS.full);
}

/** Translates a date-fns pattern to an Excel number format; undefined for tokens Excel lacks. */
export function excelDatePattern(pattern: string): string | undefined {
  let out = '';
  let twelveHour = false;
  for (const part of tokenizePattern(pattern)) {
    if (part.kind === 'token') {
      const token = TOKENS[part.text];
      if (token === undefined) return undefined;
      if (part.text[0] === 'h') twelveHour = true;
      out += token;
    } else if (part.kind === 'quoted') {
      out += part.text === "'" ? "\\'" : quote(part.text);
    } else {
      for (const ch of part.text) out += /[0-9 .,:/\-]/.test(ch) ? ch : quote(ch);
    }
  }
  // Excel reads `h` as 12-hour only when AM/PM is in the format; date-fns `hh` means 12-hour.
  return twelveHour && !out.includes('AM/PM') ? `${out} AM/PM` : out;
}

// --- internal ---

const TOKENS: Record<string, string> = {
  yyyy: 'yyyy',
  yy: 'yy',
  y: 'yyyy',
  MMMM: 'mmmm',
  MMM: 'mmm',
  MM: 'mm',
  M: 'm',
  LLLL: 'mmmm', // stand-alone month: the same in English
  LLL: 'mmm',
  LL: 'mm',
  L: 'm',
  dd: 'dd',
  d: 'd',
  EEEE: 'dddd',
  EEE: 'ddd',
  EE: 'ddd',
  E: 'ddd',
  HH: 'hh',
  H: 'h',
  hh: 'hh',
  h: 'h',
  mm: 'mm',
  m: 'm',
  ss: 'ss',
  s: 's',
  SSS: '000',
  SS: '00',
  S: '0',
  a: 'AM/PM',
  aa: 'AM/PM',
};

function quote(text: string): string {
  return text === '' ? '' : `"${text.replace(/"/g, '')}"`;
}
