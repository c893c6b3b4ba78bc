import { numberText } from './values.js';

/**
 * A plain decimal literal, as databases and JSON give numbers as text: an optional sign, digits
 * with at most one `.`, an optional exponent (`'12.50'`, `'-3'`, `'+5'`, `'.5'`, `'1e3'`). No
 * spaces, no `_`, no hex, no `Infinity`: anything else is text.
 */
export const NUMERIC_LITERAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The double a numeric literal stands for, when a double holds its digits exactly: when the
 * shortest round-trip digits of the nearest double (what {@link numberText} writes) are the same
 * decimal number as the literal. Zeros that do not change the value don't count (`'1.50'`,
 * `'007'`, `'1e3'`, `'-0'` are exact), digits do (`'9007199254740993'`, `'0.1000000000000000055'`,
 * `'1e400'` and `'1e-400'` are not).
 * @param literal - Text that matches {@link NUMERIC_LITERAL}.
 * @returns The double, or undefined when writing it would change the number.
 */
export function exactDouble(literal: string): number | undefined {
  const value = Number(literal);
  // Up to 15 significant digits without an exponent always survive a double (DBL_DIG is 15).
  if (literal.length <= 15 && literal.indexOf('e') === -1 && literal.indexOf('E') === -1) return value;
  if (!Number.isFinite(value)) return undefined;
  const printed = numberText(value);
  if (printed === literal) return value; // already the shortest digits, as JSON from JavaScript is
  return canonical(literal) === canonical(printed) ? value : undefined;
}

/** The double a bigint stands for, when it holds its digits exactly (see {@link exactDouble}). */
export function exactBigint(value: bigint): number | undefined {
  if (value >= -MAX_SAFE && value <= MAX_SAFE) return Number(value);
  return exactDouble(`${value}`);
}

/**
 * The text of a finite number in an XLSX `<v>`: the shortest round-trip digits, as in CSV, with
 * the exponent written `E` as Excel writes it (`6.022E+23`, `1E-7`, `5E-324`; `-0` is `0`).
 */
export function xlsxNumberText(value: number): string {
  const short = shortNumberText(value);
  if (short !== undefined) return short;
  const text = numberText(value);
  const e = text.indexOf('e');
  return e === -1 ? text : `${text.slice(0, e)}E${text.slice(e + 1)}`;
}

/**
 * Number text with `,` as its decimal separator, for `decimalSeparator: ','`: `'-1.5'` → `'-1,5'`,
 * `'6.022e+23'` → `'6,022e+23'`. Text without a `.` is returned as it is.
 */
export function withDecimalComma(text: string): string {
  const dot = text.indexOf('.');
  return dot === -1 ? text : `${text.slice(0, dot)},${text.slice(dot + 1)}`;
}

/**
 * The text of the numbers exports write most, from tables instead of a digit conversion: whole
 * numbers and numbers of at most two decimals (prices, scores, percentages), below 10⁸ in
 * magnitude. The same text as {@link numberText}; undefined for any other number.
 *
 * Why it is the same: `cents / 100 === value` says `value` is the double nearest to the decimal
 * `cents / 100`, so that decimal reads back as `value`; and it has at most 12 significant digits,
 * while no two decimals of 15 or fewer digits round to one double, so it is also the shortest.
 */
export function shortNumberText(value: number): string | undefined {
  if (value < 0) {
    const text = value > -1e8 ? shortNumberText(-value) : undefined;
    return text === undefined ? undefined : `-${text}`;
  }
  if (!(value < 1e8)) return undefined; // NaN too
  const digits = (DIGITS.table ??= new Digits());
  if (Math.floor(value) === value) return digits.whole(value); // -0 too: `0`
  const cents = Math.round(value * 100);
  if (cents / 100 !== value) return undefined;
  const whole = Math.floor(cents / 100);
  return digits.whole(whole) + (digits.fraction[cents - whole * 100] as string);
}

// --- internal ---

/**
 * The text of whole numbers 0 ≤ n < 10⁸ from two tables of 10,000 strings, and of the fractions
 * `.01` to `.99` (`.1` for ten cents), made once on the first use: without a digit conversion, and
 * without `String()`'s number-to-string cache (see {@link numberText}).
 */
class Digits {
  private readonly plain = Array.from({ length: 10_000 }, (_, n) => numberText(n));
  private readonly padded = Array.from({ length: 10_000 }, (_, n) => numberText(n).padStart(4, '0'));
  readonly fraction = Array.from({ length: 100 }, (_, n) => (n % 10 === 0 ? `.${n / 10}` : `.${numberText(n).padStart(2, '0')}`));

  /** @param n - A whole number, 0 ≤ n < 10⁸. */
  whole(n: number): string {
    if (n < 10_000) return this.plain[n] as string;
    const high = Math.floor(n / 10_000);
    return (this.plain[high] as string) + (this.padded[n - high * 10_000] as string);
  }
}

const DIGITS: { table?: Digits } = {};

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A numeric literal reduced to its value: sign, significant digits, and the power of ten of the
 * last one (`'-001.50e2'` → `'-15e1'`); every zero is `'0'`.
 */
function canonical(literal: string): string {
  let i = 0;
  let sign = '';
  if (literal[0] === '-' || literal[0] === '+') {
    sign = literal[0] === '-' ? '-' : '';
    i = 1;
  }
  let e = literal.indexOf('e', i);
  if (e === -1) e = literal.indexOf('E', i);
  const mantissa = e === -1 ? literal.slice(i) : literal.slice(i, e);
  const dot = mantissa.indexOf('.');
  const digits = dot === -1 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  let exponent = (e === -1 ? 0 : Number(literal.slice(e + 1))) - (dot === -1 ? 0 : mantissa.length - dot - 1);
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === 48) start++;
  if (start === digits.length) return '0';
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) {
    end--;
    exponent++;
  }
  return `${sign}${digits.slice(start, end)}e${exponent}`;
}
