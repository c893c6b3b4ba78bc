import { RowportWarningCode } from './warnings.js';

/** Excel's limit on the characters of one cell (UTF-16 code units). */
export const MAX_CELL_CHARS = 32_767;

/**
 * Escapes text for XML element content in SpreadsheetML:
 * - `& < >` as entities;
 * - CR as the character reference `&#13;`, which every XML reader turns back into CR (a literal CR
 *   would be read as LF, and `_x000D_` is decoded by Excel and LibreOffice, not by openpyxl);
 * - characters XML 1.0 cannot hold (C0 controls but TAB, LF and CR, U+FFFE, U+FFFF) as Excel's
 *   `_xHHHH_` escapes, so they survive losslessly;
 * - a literal `_xHHHH_` in the text as `_x005F_xHHHH_`, so a reader does not decode it.
 * Lone surrogates must be gone before (see {@link wellFormed}). For the text of a cell, see {@link escapeCellText}.
 */
export function escapeText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, escapeOne) : text;
}

/**
 * {@link escapeText} for the text of a cell (`<t>` of an inline or shared string): a literal `_xH_` to
 * `_xHHH_` too, as `_x005F_xH_`, which Excel and openpyxl show as written and LibreOffice would
 * otherwise decode as a control character.
 * @example escapeCellText('a_x00a_b') //=> 'a_x005F_x00a_b'
 */
export function escapeCellText(text: string): string {
  return NEEDS_CELL_ESCAPE.test(text) ? text.replace(CELL_ESCAPE_ALL, escapeOne) : text;
}

/** Escapes text for a double-quoted XML attribute (sheet names, number formats, defined names). */
export function escapeAttribute(text: string): string {
  return /[&<>"\x00-\x1f]/.test(text) ? text.replace(/[&<>"\x00-\x1f]/g, (ch) => `&#${ch.charCodeAt(0)};`) : text;
}

/**
 * Escapes text for a double-quoted attribute Excel reads as an ST_Xstring, decoding `_xHHHH_`
 * (a table column name, a totals label, the text of a text rule), so it reads back as the same text
 * as {@link escapeText} writes in a cell: `& < > "` as entities; CR as `&#13;`, as in a cell; the
 * other C0 controls, TAB and LF too (which an XML parser turns into spaces in an attribute), as
 * `_xHHHH_`, as Excel writes them; a literal `_xHHHH_` as `_x005F_xHHHH_`. Lone surrogates must be
 * gone before.
 * @example escapeXstringAttribute('Line\nTwo "x_x0041_"') //=> 'Line_x000A_Two &quot;x_x005F_x0041_&quot;'
 */
export function escapeXstringAttribute(text: string): string {
  return /[&<>"\x00-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/.test(text) ? text.replace(XSTRING_ATTRIBUTE_ALL, escapeOne) : text;
}

/** True when text must be kept with `xml:space="preserve"` (leading or trailing whitespace). */
export function needsPreserve(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first <= 32 || last <= 32;
}

/**
 * True when XML 1.0 holds every character of the text as it is: no C0 control but TAB, LF and CR,
 * no U+FFFE or U+FFFF, no lone surrogate. Option text written where there is no `_xHHHH_` escape
 * (charts, drawings) is checked with it at the call, so that nothing is dropped from it.
 * @example isXmlText('Two\nlines') //=> true
 */
export function isXmlText(text: string): boolean {
  return !XML_ILLEGAL.test(text) && text.isWellFormed();
}

/** Text without lone surrogates (each replaced by U+FFFD), and whether any was replaced. */
export function wellFormed(text: string): string | undefined {
  return text.isWellFormed() ? undefined : text.toWellFormed();
}

/** Cuts text to `max` UTF-16 code units without splitting a surrogate pair. */
export function truncate(text: string, max = MAX_CELL_CHARS): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Text as a cell holds it: lone surrogates replaced by U+FFFD, then cut to {@link MAX_CELL_CHARS},
 * each with its warning (`ROWPORT_LONE_SURROGATE`, `ROWPORT_TEXT_TRUNCATED`) for `row` and `column`.
 * Allocates only when the text needs repair or a cut: data cells call it for every value.
 * @param about - What the message is about, before the rest: `''` for a value,
 *   `'the header of column "id": '` for a header.
 */
export function cellText<R>(
  text: string,
  warn: (code: RowportWarningCode, message: string, row: R, column: string) => void,
  row: R,
  column: string,
  about = '',
): string {
  let s = text;
  if (!s.isWellFormed()) {
    s = s.toWellFormed();
    warn(RowportWarningCode.LoneSurrogate, `${about}a lone surrogate was replaced by U+FFFD`, row, column);
  }
  if (s.length > MAX_CELL_CHARS) {
    warn(RowportWarningCode.TextTruncated, `${about}text of ${s.length} characters was cut to Excel's ${MAX_CELL_CHARS}`, row, column);
    s = truncate(s);
  }
  return s;
}

/** The XML declaration every part starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Escapes text for XML element content and attribute values (CR as `&#13;`, which a reader keeps
 * as CR), and drops the characters XML 1.0 cannot hold at all (C0 controls other than TAB, LF,
 * CR; lone surrogates; U+FFFE, U+FFFF), which chart, drawing and page header text has no
 * `_xHHHH_` escape for.
 */
export function xmlText(text: string): string {
  const legal = text.replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
  return legal.replace(/[&<>"\r]/g, escapeOne);
}

// --- internal ---

/** What XML 1.0 cannot hold but lone surrogates: C0 controls but TAB, LF and CR; U+FFFE, U+FFFF. */
const XML_ILLEGAL = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

// A `_` is escaped when a reader would see `_xHHHH_` from it: with a literal `_` after the four
// digits, or with a character that is itself written as `_xHHHH_` (`_xAceb` + U+0001 → `_xAceb_x0001_`).
const NEEDS_ESCAPE = /[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;
const ESCAPE_ALL = /[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}[_\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff])/g;
// In the text of a cell, one to three digits too: LibreOffice decodes `_x1_` or `_x00a_` there as a
// control character (Excel does not; neither decodes it in a formula, where LibreOffice decodes nothing).
const NEEDS_CELL_ESCAPE = /[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{1,4}_/;
const CELL_ESCAPE_ALL = /[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{1,4}[_\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff])/g;

const XSTRING_ATTRIBUTE_ALL = /[&<>"\x00-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}[_\x00-\x0c\x0e-\x1f\ufffe\uffff])/g;

function escapeOne(ch: string): string {
  switch (ch) {
    case '"':
      return '&quot;';
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '\r':
      return '&#13;';
    default:
      return `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  }
}
