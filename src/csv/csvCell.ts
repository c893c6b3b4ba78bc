import type { ResolvedColumn } from '../columns/resolveColumns.js';
import { DateRenderer } from '../dates/compile.js';
import { datePattern, dateTimePattern, plainPattern } from '../dates/presets.js';
import { NUMERIC_LITERAL, shortNumberText, withDecimalComma } from '../writer/numbers.js';
import { invalidValue, nonFiniteText, numberText, objectText } from '../writer/values.js';
import type { ResolvedCsvOptions } from './options.js';
import { escapeFormula } from './formulas.js';
import type { FieldQuoter } from './quote.js';
import { isDate } from '../base/isDate.js';

/** Renders one column's values as CSV fields: the text, quoted when the dialect needs it (see {@link FieldQuoter}). */
export type CsvCellWriter = (value: unknown, row: number) => string;

/**
 * Compiles the rendering of each column once: its date pattern, formula escaping, type, and
 * quoting. `date` and `datetime` columns also take `'YYYY-MM-DD'` strings and epoch ms (a `date`
 * column shows the day alone, its time of day dropped, as its XLSX cells do); other
 * columns render `Date`s with `dateFormat`. Numbers are their shortest round-trip digits, bigints
 * all their digits, numeric strings as they are; `decimalSeparator: ','` puts a comma in numbers
 * and in the numeric strings of numeric columns. Text that can never need quotes in this dialect
 * (numbers, booleans, dates of the presets, when the delimiter and quote share none of their
 * characters) skips the quote test; the field is the same either way.
 */
export function compileCsvCell<T>(column: ResolvedColumn, options: ResolvedCsvOptions<T>): CsvCellWriter {
  const { key } = column;
  const escapes = options.escapeFormulas;
  const comma = options.decimalSeparator === ',';
  const quote = options.quoteField;
  // computed once: the same function gives the same field, so these are what quoting them would give
  const empty = quote('');
  const yes = quote('true');
  const no = quote('false');
  const numbersAsIs = writtenAsIs(options, NUMBER_CHARS);
  const plainPatternText = plainPattern(options.dateFormat);
  const plainDates = new DateRenderer(plainPatternText, options.zone);
  const plainDatesAsIs = writtenAsIs(options, dateChars(plainPatternText, escapes));
  const generic: CsvCellWriter = (value, row) => {
    switch (typeof value) {
      case 'string':
        return quote(escapes ? escapeFormula(value, comma) : value);
      case 'number': {
        const text = anyNumberText(value);
        return numbersAsIs ? text : quote(text);
      }
      case 'bigint':
        return numbersAsIs ? `${value}` : quote(`${value}`);
      case 'boolean':
        return value ? yes : no;
      case 'undefined':
        return empty;
      case 'object': {
        if (value === null) return empty;
        if (!isDate(value)) {
          const text = objectText(value, row, key); // a `toJSON()` string or base64 may start with `=` or `+`
          return quote(escapes ? escapeFormula(text, comma) : text);
        }
        const text = escapes ? escapeFormula(plainDates.value(value, row, key)) : plainDates.value(value, row, key);
        return plainDatesAsIs ? text : quote(text);
      }
      default:
        throw invalidValue(value, row, key);
    }
  };
  if (column.type === 'date' || column.type === 'datetime') {
    const pattern = column.type === 'date' ? datePattern(options.dateFormat) : dateTimePattern(options.dateFormat);
    const dates = new DateRenderer(pattern, options.zone);
    const asIs = writtenAsIs(options, dateChars(pattern, escapes));
    const wholeDays = column.type === 'date'; // the day alone, as the XLSX serial of a `date` column
    return (value, row) => {
      if (value === null || value === undefined || value === '') return empty;
      const date = wholeDays ? dates.day(value, row, key) : dates.value(value, row, key);
      // A year before 0 starts with `-` (`-0100-06-01`), which Excel would compute: escaped like any text.
      const text = escapes ? escapeFormula(date) : date;
      return asIs ? text : quote(text);
    };
  }
  const plain = options.decimalSeparator === ',' ? withDecimalCommas(column, generic, quote, numbersAsIs) : generic;
  if (column.type === 'url') {
    // CSV holds no links: a `{ text, url }` value is written as its URL, the part the text cannot give back.
    return (value, row) =>
      value !== null && typeof value === 'object' && Object.hasOwn(value, 'url') && typeof (value as { url?: unknown }).url === 'string'
        ? plain((value as { url: string }).url, row)
        : plain(value, row);
  }
  return plain;
}

// --- internal ---

/**
 * `generic`, with `decimalSeparator: ','`: a comma in JS numbers, and in the numeric strings of an
 * `integer`, `decimal` or `percent` column.
 */
function withDecimalCommas(column: ResolvedColumn, generic: CsvCellWriter, quote: FieldQuoter, numbersAsIs: boolean): CsvCellWriter {
  const numeric = column.type === 'integer' || column.type === 'decimal' || column.type === 'percent';
  return (value, row) => {
    if (typeof value === 'number') {
      const text = withDecimalComma(anyNumberText(value));
      return numbersAsIs ? text : quote(text);
    }
    if (numeric && typeof value === 'string' && NUMERIC_LITERAL.test(value)) return numbersAsIs ? withDecimalComma(value) : quote(withDecimalComma(value));
    if (numeric && typeof value === 'object' && value !== null && !isDate(value)) {
      const text = objectText(value, row, column.key); // a Decimal.js value's `toJSON()` digits, as a numeric string
      if (NUMERIC_LITERAL.test(text)) return numbersAsIs ? withDecimalComma(text) : quote(withDecimalComma(text));
    }
    return generic(value, row);
  };
}

/** The text of a number, as {@link numberText} writes it (from tables for the common ones, see {@link shortNumberText}). */
function anyNumberText(value: number): string {
  return shortNumberText(value) ?? (Number.isFinite(value) ? numberText(value) : nonFiniteText(value));
}

/** Every character number text can hold: digits, sign, point, exponent, a decimal comma, `NaN`, `Infinity`. */
const NUMBER_CHARS = '0123456789.,+-eEInfinityNaN';

/**
 * True when text made only of `chars` never needs quotes in this dialect: quotes are needed only
 * for CR, LF, the quote, or (part of) the delimiter, so text sharing no character with them is
 * written as it is (unless every field is quoted). `chars` undefined: not known, ask the quoter.
 */
function writtenAsIs<T>(options: ResolvedCsvOptions<T>, chars: string | undefined): boolean {
  if (chars === undefined || options.quoteAll || !chars.isWellFormed()) return false; // a lone surrogate is for the quoter to refuse
  for (const c of options.delimiter + options.quote) if (chars.includes(c)) return false;
  return true;
}

/**
 * The characters the text of a date pattern can hold, when it has only numeric tokens (`yyyy`,
 * `MM`, `dd`, `HH`, `mm`, `ss`, `SSS`, as the presets) and unquoted literals: digits, `-` (a year
 * before 0), `'` (its formula escape) and the literals. Undefined for any other pattern.
 */
function dateChars(pattern: string, escapes: boolean): string | undefined {
  let literals = '';
  for (const c of pattern) {
    if (c === "'" || (/[a-zA-Z]/.test(c) && !'yMdHmsS'.includes(c))) return undefined;
    if (!/[a-zA-Z]/.test(c)) literals += c;
  }
  return `0123456789-${escapes ? "'" : ''}${literals}`;
}
