/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell starting with one of these
 * characters may be run as a formula by Excel or LibreOffice. A switch, not a Set: it runs for
 * every text cell, and compiles to a few comparisons.
 */
function isTrigger(code: number): boolean {
  switch (code) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // TAB
    case 0x0d: // CR
    case 0x0a: // LF
    case 0xff1d: // ＝
    case 0xff0b: // ＋
    case 0xff0d: // －
    case 0xff20: // ＠
      return true;
    default:
      return false;
  }
}

/** A plain number written as text, `-12.5`, `+3`, `-1e5`: safe, left as it is. */
const NUMERIC_LITERAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A plain number with a decimal comma, `-12,5`, `-1,5e400`, as `decimalSeparator: ','` writes numbers. */
const COMMA_LITERAL = /^[+-]?(?:\d+(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Prefixes `'` to text that a spreadsheet would run as a formula: text starting with
 * `= + - @`, TAB, CR, LF or the full-width `＝ ＋ － ＠`, unless it is a plain numeric literal
 * (with `decimalComma`, also one with a decimal comma: `-12,5`).
 * @example
 * escapeFormula('=HYPERLINK("x")') //=> "'=HYPERLINK(\"x\")"
 * escapeFormula('-42.5')           //=> '-42.5'
 */
export function escapeFormula(text: string, decimalComma = false): string {
  if (text.length === 0 || !isTrigger(text.charCodeAt(0))) return text;
  const first = text.charCodeAt(0);
  if ((first === 0x2b || first === 0x2d) && (NUMERIC_LITERAL.test(text) || (decimalComma && COMMA_LITERAL.test(text)))) return text;
  return `'${text}`;
}
