import type { ResolvedColumn } from '../columns/resolveColumns.js';
import { DateRenderer } from '../dates/compile.js';
import { datePattern, dateTimePattern, plainPattern } from '../dates/presets.js';
import { NUMERIC_LITERAL, withDecimalComma } from '../writer/numbers.js';
import { invalidValue, nonFiniteText, numberText, objectText } from '../writer/values.js';
import type { ResolvedCsvOptions } from './options.js';
import { escapeFormula } from './formulas.js';

/** Renders one column's values as CSV field text (before quoting). */
export type CsvCellWriter = (value: unknown, row: number) => string;

/**
 * Compiles the text rendering of each column once: its date pattern, formula escaping, type.
 * `date` and `datetime` columns also take `'YYYY-MM-DD'` strings and epoch ms; other columns
 * render `Date`s with `dateFormat`. Numbers are their shortest round-trip digits, bigints all
 * their digits, numeric strings as they are; `decimalSeparator: ','` puts a comma in numbers and
 * in the numeric strings of numeric columns.
 */
export function compileCsvCell<T>(column: ResolvedColumn, options: ResolvedCsvOptions<T>): CsvCellWriter {
  const { key } = column;
  const escapes = options.escapeFormulas;
  const plainDates = new DateRenderer(plainPattern(options.dateFormat), options.zone);
  const generic: CsvCellWriter = (value, row) => {
    switch (typeof value) {
      case 'string':
        return escapes ? escapeFormula(value) : value;
      case 'number':
        return Number.isFinite(value) ? numberText(value) : nonFiniteText(value);
      case 'bigint':
        return `${value}`;
      case 'boolean':
        return value ? 'true' : 'false';
      case 'undefined':
        return '';
      case 'object':
        if (value === null) return '';
        if (value instanceof Date) return escapes ? escapeFormula(plainDates.value(value, row, key)) : plainDates.value(value, row, key);
        return objectText(value, row, key);
      default:
        throw invalidValue(value, row, key);
    }
  };
  if (column.type === 'url') {
    // CSV holds no links: a `{ text, url }` value is written as its URL, the part the text cannot give back.
    return (value, row) =>
      value !== null && typeof value === 'object' && Object.hasOwn(value, 'url') && typeof (value as { url?: unknown }).url === 'string'
        ? generic((value as { url: string }).url, row)
        : generic(value, row);
  }
  if (column.type === 'date' || column.type === 'datetime') {
    const pattern = column.type === 'date' ? datePattern(options.dateFormat) : dateTimePattern(options.dateFormat);
    const dates = new DateRenderer(pattern, options.zone);
    // A year before 0 starts with `-` (`-0100-06-01`), which Excel would compute: escaped like any text.
    if (escapes) return (value, row) => (value === null || value === undefined || value === '' ? '' : escapeFormula(dates.value(value, row, key)));
    return (value, row) => (value === null || value === undefined || value === '' ? '' : dates.value(value, row, key));
  }
  if (options.decimalSeparator === ',') {
    const numeric = column.type === 'integer' || column.type === 'decimal' || column.type === 'percent';
    return (value, row) => {
      if (typeof value === 'number') return Number.isFinite(value) ? withDecimalComma(numberText(value)) : nonFiniteText(value);
      if (numeric && typeof value === 'string' && NUMERIC_LITERAL.test(value)) return withDecimalComma(value);
      return generic(value, row);
    };
  }
  return generic;
}
