/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell starting with one of these
 * characters may be run as a formula by Excel or LibreOffice.
 */
const TRIGGERS = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0x0a, 0xff1d, 0xff0b, 0xff0d, 0xff20]);

/** A plain number written as text, `-12.5`, `+3`, `-1e5`: safe, left as it is. */
const NUMERIC_LITERAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Prefixes `'` to text that a spreadsheet would run as a formula: text starting with
 * `= + - @`, TAB, CR, LF or the full-width `＝ ＋ － ＠`, unless it is a plain numeric literal.
 * @example
 * escapeFormula('=HYPERLINK("x")') //=> "'=HYPERLINK(\"x\")"
 * escapeFormula('-42.5')           //=> '-42.5'
 */
export function escapeFormula(text: string): string {
  if (text.length === 0 || !TRIGGERS.has(text.charCodeAt(0))) return text;
  const first = text.charCodeAt(0);
  if ((first === 0x2b || first === 0x2d) && NUMERIC_LITERAL.test(text)) return text;
  return `'${text}`;
}
