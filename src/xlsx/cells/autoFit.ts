import type { ResolvedAutoFit } from '../settings/look.js';
import type { SheetColumn } from '../settings/sheetSettings.js';
import { NUMERIC_LITERAL, exactBigint, exactDouble } from '../../writer/numbers.js';
import { isDate } from '../../base/isDate.js';

/**
 * Column widths in characters from the header and a sample of rows, as Excel would display them:
 * numbers with their format, dates as their format's length, the longest line of text, wide
 * (CJK, full-width) characters counted double; clamped to `[minWidth, maxWidth]`. A column's
 * explicit `width` wins. Undefined for a column left at Excel's default width.
 */
export function fitWidths(
  columns: readonly SheetColumn[],
  sample: readonly unknown[],
  header: boolean,
  filterButton: boolean,
  fit: ResolvedAutoFit | undefined,
): (number | undefined)[] {
  return columns.map((column) => {
    if (column.width !== undefined) return column.width;
    if (fit === undefined) return undefined;
    let widest = header ? textWidth(column.header) + (filterButton ? 2 : 0) : 0;
    const measure = measurer(column);
    for (let r = 0; r < sample.length; r++) {
      const row = sample[r];
      if (row === null || typeof row !== 'object') continue;
      let value: unknown;
      try {
        value = column.read(row, r);
      } catch {
        continue; // the writer reports it with its row
      }
      const width = measure(value);
      if (width > widest) widest = width;
    }
    return Math.min(fit.maxWidth, Math.max(fit.minWidth, widest + 2));
  });
}

/**
 * Display width of text: its longest line, counted by grapheme (what a reader sees as one
 * character): wide and full-width characters and emoji count 2, combining marks and zero-width
 * characters 0, the parts of an emoji sequence as one emoji.
 */
export function textWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    let width = line.length;
    if (!ASCII.test(line)) {
      width = 0;
      if (JOINS.test(line)) {
        for (const { segment } of graphemes().segment(line)) width += graphemeWidth(segment);
      } else {
        for (const ch of line) width += WIDE.test(ch) ? 2 : 1;
      }
    }
    if (width > widest) widest = width;
  }
  return widest;
}

// --- internal ---

const ASCII = /^[\x00-\x7f]*$/;
/** East Asian wide and full-width characters (Unicode UAX #11 W and F, the common blocks), and emoji shown as emoji. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]|\p{Emoji_Presentation}/u;
const WIDE_START = new RegExp(`^(?:${WIDE.source})`, 'u');
/** What joins characters into one grapheme or shows nothing: marks, format characters (ZWSP, ZWJ), Hangul jamo, regional indicators, emoji modifiers. */
const JOINS = /[\p{M}\p{Cf}\u1160-\u11ff\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}]/u;
/** A grapheme that shows nothing: it starts with a mark or a format character. */
const ZERO_WIDTH = /^[\p{M}\p{Cf}]/u;
/** An emoji shown as an emoji: one with emoji presentation, or a text-style one with VS16 (`❤️`, `1️⃣`). */
const EMOJI = /^\p{Emoji_Presentation}|^\p{Emoji}\uFE0F/u;

let segmenter: Intl.Segmenter | undefined;
/** The grapheme segmenter, made once (and only when a text needs it). */
function graphemes(): Intl.Segmenter {
  return (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));
}

function graphemeWidth(grapheme: string): number {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  return EMOJI.test(grapheme) || WIDE_START.test(grapheme) ? 2 : 1;
}

function measurer(column: SheetColumn): (value: unknown) => number {
  const numFmt = column.numberNumFmt;
  const dateWidth = displayedLength(column.dateNumFmt);
  const isDateType = column.kind === 'date';
  const numericType = column.kind === 'number';
  // A bigint or numeric string is a number cell when a double holds its digits (see cells.ts), else its text.
  const exact = (digits: string, n: number | undefined): number => (n === undefined ? digits.length : numberWidth(n, numFmt));
  return (value) => {
    if (value === null || value === undefined || value === '') return 0;
    if (isDateType || isDate(value)) return dateWidth;
    switch (typeof value) {
      case 'number':
        return Number.isFinite(value) ? numberWidth(value, numFmt) : 6;
      case 'bigint':
        return exact(`${value}`, exactBigint(value));
      case 'boolean':
        return value ? 4 : 5;
      case 'string':
        if (numericType && NUMERIC_LITERAL.test(value)) return exact(value, exactDouble(value));
        return textWidth(value.length > 1000 ? value.slice(0, 1000) : value);
      default:
        return 10;
    }
  };
}

/**
 * Width of a number shown with a format: its decimals, grouping, and every character the format's
 * section shows around it (`%`, `"EUR"`, `$`, `[$€-407]`, parentheses). A negative number takes the
 * second section when there is one (which shows no minus of its own), 0 the third.
 */
function numberWidth(value: number, numFmt: string | undefined): number {
  if (numFmt === undefined || numFmt === 'General') {
    const s = `${value}`;
    return s.length > 11 ? Math.min(s.length, 11) : s.length; // General shows at most ~11 characters
  }
  const sections = formatSections(numFmt);
  const index = value < 0 && sections.length > 1 ? 1 : value === 0 && sections.length > 2 ? 2 : 0;
  const { codes, literals, percent } = sectionParts(sections[index] ?? '');
  if (!/[0#?]/.test(codes)) return literals; // a section of text alone (`"-"` for zero)
  const dot = codes.indexOf('.');
  const decimals = dot === -1 ? 0 : (/^[0#?]*/.exec(codes.slice(dot + 1))?.[0].length ?? 0);
  const shown = Math.abs(percent ? value * 100 : value).toFixed(decimals);
  const intDigits = shown.split('.')[0]?.length ?? 1;
  const grouping = codes.includes(',') ? Math.floor((intDigits - 1) / 3) : 0;
  return shown.length + grouping + (value < 0 && index === 0 ? 1 : 0) + literals;
}

/** The `;`-separated sections of a number format (a `;` in quotes, brackets or after `\`, `_`, `*` is text). */
function formatSections(numFmt: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < numFmt.length; i++) {
    const ch = numFmt[i];
    if (ch === '"' || ch === '[') {
      const end = numFmt.indexOf(ch === '"' ? '"' : ']', i + 1);
      i = end === -1 ? numFmt.length : end;
    } else if (ch === '\\' || ch === '_' || ch === '*') i++;
    else if (ch === ';') {
      out.push(numFmt.slice(start, i));
      start = i + 1;
    }
  }
  out.push(numFmt.slice(start));
  return out;
}

/**
 * A number format section split into its number codes (`0 # ? . , E+`) and the count of the
 * characters it shows besides the number: quoted text, `\x`, `_x` (a space as wide as x), the
 * symbol of `[$€-407]`, `%` and other literal characters; `*x` (a fill) and `[Red]`, `[>100]` show none.
 */
function sectionParts(section: string): { codes: string; literals: number; percent: boolean } {
  let codes = '';
  let literals = 0;
  let percent = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] as string;
    if (ch === '"' || ch === '[') {
      const end = section.indexOf(ch === '"' ? '"' : ']', i + 1);
      const stop = end === -1 ? section.length : end;
      const inner = section.slice(i + 1, stop);
      if (ch === '"') literals += inner.length;
      else if (inner.startsWith('$')) literals += (inner.slice(1).split('-')[0] ?? '').length;
      i = stop;
    } else if (ch === '\\' || ch === '_') {
      literals++;
      i++;
    } else if (ch === '*') i++;
    else if ('0#?.,'.includes(ch)) codes += ch;
    else if ((ch === 'E' || ch === 'e') && (section[i + 1] === '+' || section[i + 1] === '-')) {
      codes += ch + section[i + 1];
      i++;
    } else {
      if (ch === '%') percent = true;
      literals++;
    }
  }
  return { codes, literals, percent };
}

/** Length of what a date format displays: its codes, quotes and escapes removed. */
function displayedLength(numFmt: string): number {
  return numFmt
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/AM\/PM/g, 'AM')
    .replace(/mmmm/g, 'September')
    .replace(/mmm/g, 'Sep')
    .replace(/dddd/g, 'Wednesday')
    .replace(/ddd/g, 'Wed').length;
}
