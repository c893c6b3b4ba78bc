import { type PatternPart, tokenizePattern } from '../../dates/pattern.js';
import { datePattern, dateTimePattern, isPreset, plainPattern } from '../../dates/presets.js';
import { EXCEL_DATE_FORMATS } from '../../dates/presets.js';
import { invalidOption } from '../../errors.js';
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
  // A pattern without an Excel twin was refused at the call (checkExcelDateFormat) for every column that can hold
  // a date cell; a column that cannot (a `string` one, or one with its own numFmt) never shows this one.
  return excelDatePattern(pattern) ?? (type === 'date' ? EXCEL_DATE_FORMATS.iso : EXCEL_DATE_FORMATS.full);
}

/**
 * Checks once, at the call, that date cells can show `dateFormat`: a pattern no Excel number format
 * shows as date-fns writes it is refused, unless no column can hold a date cell in it (each has its
 * own `numFmt` or is a `string` column).
 * @throws {RowportError} `ROWPORT_INVALID_OPTION`.
 */
export function checkExcelDateFormat(dateFormat: string, option: string, columns: readonly Partial<FormatSource>[] | undefined): void {
  if (isPreset(dateFormat) || columns?.every((c) => c.numFmt !== undefined || c.type === 'string')) return;
  const excel = excelDateFormat(dateFormat);
  if (typeof excel === 'string') {
    const problem = numFmtProblem(excel);
    if (problem) throw invalidOption(option, `a date pattern with an Excel number format ${problem}`, dateFormat);
    return;
  }
  throw invalidOption(
    option,
    'a date pattern an Excel number format can show',
    dateFormat,
    `${excel.problem}. Give the date columns a numFmt, or write the dates as text with formatDates()`,
  );
}

/** Excel refuses a number format longer than this (characters of its code). */
export const MAX_NUM_FMT_LENGTH = 255;

/**
 * Checks a number format code that goes into `styles.xml`: characters XML cannot hold (C0
 * controls but TAB, LF, CR; U+FFFE, U+FFFF; lone surrogates) would make the part unreadable, and
 * Excel refuses a code over 255 characters.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming `option`.
 */
export function checkNumFmt(numFmt: string, option: string): void {
  const problem = numFmtProblem(numFmt);
  if (problem) throw invalidOption(option, `a number format ${problem}`, numFmt);
}

/** What a number format code must be and is not ({@link checkNumFmt}), or undefined when it is fine. */
function numFmtProblem(numFmt: string): string | undefined {
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(numFmt) || !numFmt.isWellFormed()) return 'without control characters';
  return numFmt.length > MAX_NUM_FMT_LENGTH ? `of at most ${MAX_NUM_FMT_LENGTH} characters` : undefined;
}

/** Translates a date-fns pattern to an Excel number format; undefined when none shows the same text. */
export function excelDatePattern(pattern: string): string | undefined {
  const excel = excelDateFormat(pattern);
  return typeof excel === 'string' ? excel : undefined;
}

/**
 * The Excel number format that shows what date-fns `format` writes for `pattern` (in English), or
 * why there is none: a token Excel lacks (`do`, `Q`, `w`, `aaaa`, `X`…), a minutes token Excel would
 * read as the month (Excel reads `m`/`mm` as minutes only right after an hour or right before
 * seconds; LibreOffice also right after seconds), a month token it would read as minutes, `SSS`
 * not after seconds and a `.`, a 12-hour `h` without `a` (Excel's 12-hour clock always shows AM/PM)
 * or a 24-hour `H` with it. `S` and `SS` are refused too: Excel rounds tenths, date-fns cuts them.
 * @example excelDateFormat('dd.MM.yyyy HH:mm') //=> 'dd.mm.yyyy hh:mm'
 * @example excelDateFormat('mm yyyy') //=> { problem: "Excel shows `mm` there as the month: …" }
 */
export function excelDateFormat(pattern: string): string | { readonly problem: string } {
  const parts = tokenizePattern(pattern);
  const codes: { readonly token: string; readonly unit: Unit }[] = [];
  let out = '';
  let quoted = ''; // text to write in quotes, joined until the next code
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as PatternPart;
    if (part.kind !== 'token') {
      // Separators stay as they are between two tokens (`dd.mm.yyyy`); before the first or after the last, quoted
      // (a leading `-` or `/` makes LibreOffice read a number format).
      const between = codes.length > 0 && parts.slice(i + 1).some((p) => p.kind === 'token');
      if (part.kind === 'quoted' || !between) quoted += part.text;
      else {
        out += quote(quoted) + literalText(part.text);
        quoted = '';
      }
      continue;
    }
    out += quote(quoted);
    quoted = '';
    const next = parts[i + 1];
    const code = CODES[part.text];
    if (code === undefined || (next?.kind === 'token' && next.text[0] === 'o')) {
      const token = next?.kind === 'token' && next.text[0] === 'o' ? part.text + next.text : part.text;
      if (token === 'S' || token === 'SS') return { problem: `Excel rounds \`${token}\` where date-fns cuts it: use \`ss.SSS\`` };
      return { problem: `Excel has no number format for \`${token}\`` };
    }
    if (code[1] === 'fraction') {
      const before = parts[i - 1];
      if (before?.kind !== 'literal' || before.text !== '.' || codes[codes.length - 1]?.unit !== 'second') {
        return { problem: `Excel shows \`${part.text}\` only right after seconds and a '.' (\`ss.SSS\`)` };
      }
    }
    codes.push({ token: part.text, unit: code[1] });
    // Two codes of one letter side by side would read as one (`d` `dddd` as `ddddd`): an empty literal parts them.
    if (out !== '' && out[out.length - 1]?.toLowerCase() === code[0][0]) out += '""';
    out += code[0];
  }
  out += quote(quoted);
  // Without one, Excel and LibreOffice read the separators as a number format (`/` as a fraction) and show a number.
  if (codes.length === 0) return { problem: 'the pattern has no date or time token' };
  const problem = placementProblem(codes);
  return problem === undefined ? out : { problem };
}

// --- internal ---

/** What a date code shows, as far as Excel's reading of `m` and its clock depend on it. */
type Unit = 'year' | 'month' | 'name' | 'day' | 'hour12' | 'hour24' | 'minute' | 'second' | 'fraction' | 'ampm';

/** The date-fns tokens Excel can show exactly, with their Excel code. */
const CODES: Record<string, readonly [string, Unit]> = {
  y: ['yyyy', 'year'], // Excel's years have 4 digits: y, yyy and yyyy write the same
  yy: ['yy', 'year'],
  yyy: ['yyyy', 'year'],
  yyyy: ['yyyy', 'year'],
  M: ['m', 'month'],
  MM: ['mm', 'month'],
  MMM: ['mmm', 'name'],
  MMMM: ['mmmm', 'name'],
  MMMMM: ['mmmmm', 'name'],
  L: ['m', 'month'], // stand-alone month: the same in English
  LL: ['mm', 'month'],
  LLL: ['mmm', 'name'],
  LLLL: ['mmmm', 'name'],
  LLLLL: ['mmmmm', 'name'],
  d: ['d', 'day'],
  dd: ['dd', 'day'],
  E: ['ddd', 'name'],
  EE: ['ddd', 'name'],
  EEE: ['ddd', 'name'],
  EEEE: ['dddd', 'name'],
  eee: ['ddd', 'name'],
  eeee: ['dddd', 'name'],
  ccc: ['ddd', 'name'],
  cccc: ['dddd', 'name'],
  H: ['h', 'hour24'],
  HH: ['hh', 'hour24'],
  h: ['h', 'hour12'],
  hh: ['hh', 'hour12'],
  m: ['m', 'minute'],
  mm: ['mm', 'minute'],
  s: ['s', 'second'],
  ss: ['ss', 'second'],
  SSS: ['000', 'fraction'], // after the '.' written before it
  a: ['AM/PM', 'ampm'],
  aa: ['AM/PM', 'ampm'],
  aaaaa: ['a/p', 'ampm'],
};

/** Why Excel (or LibreOffice) would read a minutes or month code of `codes` as the other, or show another clock. */
function placementProblem(codes: readonly { readonly token: string; readonly unit: Unit }[]): string | undefined {
  const ampm = codes.some((c) => c.unit === 'ampm');
  for (let i = 0; i < codes.length; i++) {
    const { token, unit } = codes[i] as (typeof codes)[number];
    const before = codes[i - 1]?.unit;
    const afterIsSecond = codes[i + 1]?.unit === 'second';
    const afterHour = before === 'hour12' || before === 'hour24';
    if (unit === 'minute' && !afterHour && !afterIsSecond) {
      return `Excel shows \`${token}\` there as the month: it reads minutes only right after an hour or right before seconds`;
    }
    // LibreOffice reads `mm` right after seconds as minutes while no minutes came before (`ss mm`, but not `mm:ss mm`).
    const afterSecond = (before === 'second' || before === 'fraction') && !codes.slice(0, i).some((c) => c.unit === 'minute');
    if (unit === 'month' && (afterHour || afterIsSecond || afterSecond || before === 'ampm')) {
      return `Excel or LibreOffice shows \`${token}\` there as minutes: a month next to a time needs \`MMM\` or a date token between`;
    }
    if (unit === 'hour12' && !ampm) return `Excel's 12-hour clock (\`${token}\`) always shows AM/PM: add \`a\`, or use \`HH\``;
    if (unit === 'hour24' && ampm) return `Excel shows \`${token}\` as a 12-hour clock when AM/PM (\`a\`) is in the format: use \`h\``;
  }
  return undefined;
}

/** Unquoted literal text: separators as they are, anything else (a digit would be a digit placeholder) quoted. */
function literalText(text: string): string {
  let out = '';
  let run = '';
  for (const ch of text) {
    if (/[ .,:/-]/.test(ch)) {
      out += quote(run) + ch;
      run = '';
    } else run += ch;
  }
  return out + quote(run);
}

/** Text in quotes; a `"` cannot be inside them, so it is written `\"` between quoted pieces. */
function quote(text: string): string {
  return text
    .split('"')
    .map((piece) => (piece === '' ? '' : `"${piece}"`))
    .join('\\"');
}
