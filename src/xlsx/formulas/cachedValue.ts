import { DateRenderer } from '../../dates/compile.js';
import { datePattern, dateTimePattern, plainPattern } from '../../dates/presets.js';
import type { Zone } from '../../dates/zone.js';
import { NUMERIC_LITERAL, exactBigint, exactDouble } from '../../writer/numbers.js';
import { invalidValue, nonFiniteText, objectText } from '../../writer/values.js';
import { excelSerial, wallTime } from '../cells/dateSerial.js';
import type { SheetColumn } from '../settings/sheetSettings.js';
import { RowportWarningCode } from '../xml/warnings.js';
import { cellText } from '../xml/xmlText.js';
import { isDate } from '../../base/isDate.js';

/** The cached result of a formula cell: a number (a date as its serial), text, a boolean, or none. */
export type CachedValue = number | string | boolean | undefined;

/** What compiling a column's cached values needs. */
export interface CachedValueContext {
  readonly zone: Zone;
  readonly dateFormat: string;
  readonly warn: (code: RowportWarningCode, message: string, row: number, column: string) => void;
}

/**
 * Compiles, once per column, the cached value of its formula cells from the column's value, by the
 * rules of its plain cells (`cells/cells.ts`), warnings and errors included: a date as its serial
 * in the zone (outside 1900…9999, its text in the date format, `ROWPORT_DATE_AS_TEXT`), a bigint or
 * numeric string of a number column as its number when a double holds its digits (else its digits,
 * `ROWPORT_NUMBER_AS_TEXT`), objects and arrays as their JSON text, everything in a `string`
 * column as text; text cut to 32,767 characters and lone surrogates replaced, with their warnings.
 * @throws {RowportError} `ROWPORT_INVALID_VALUE` (a function, a symbol), `ROWPORT_INVALID_DATE`.
 */
export function compileCachedValue(column: SheetColumn, ctx: CachedValueContext): (value: unknown, row: number) => CachedValue {
  const { key, type, kind } = column;
  const { zone, warn } = ctx;
  const pattern = type === 'date' ? datePattern(ctx.dateFormat) : type === 'datetime' ? dateTimePattern(ctx.dateFormat) : plainPattern(ctx.dateFormat);
  const renderer = new DateRenderer(pattern, zone);
  const text = (value: string, row: number): string => cellText(value, warn, row, key);
  const exact = (digits: string, value: number | undefined, row: number): CachedValue => {
    if (value !== undefined) return value;
    warn(RowportWarningCode.NumberAsText, `${digits} has more digits than a number cell holds; it was written as text`, row, key);
    return text(digits, row);
  };
  const date = (value: unknown, row: number): CachedValue => {
    const serial = excelSerial(wallTime(value, zone, type === 'date', row, key));
    if (serial !== undefined) return serial;
    warn(RowportWarningCode.DateAsText, 'a date outside 1900-01-01…9999-12-31 was written as text', row, key);
    return text(type === 'date' ? renderer.day(value, row, key) : renderer.value(value, row, key), row);
  };
  /** A string, or an object's text: in a number column, digits (`'12.50'`, a Decimal.js value's `toJSON()`) are a number. */
  const stringValue = (s: string, row: number): CachedValue => (kind === 'number' && NUMERIC_LITERAL.test(s) ? exact(s, exactDouble(s), row) : text(s, row));
  return (value, row) => {
    if (value === null || value === undefined || value === '') return undefined;
    if (kind === 'date') return date(value, row);
    switch (typeof value) {
      case 'string':
        return stringValue(value, row);
      case 'number':
        if (kind !== 'text') return value;
        return text(Number.isFinite(value) ? `${value}` : nonFiniteText(value), row);
      case 'bigint':
        return kind === 'text' ? `${value}` : exact(`${value}`, exactBigint(value), row);
      case 'boolean':
        return kind === 'text' ? `${value}` : value;
      case 'object':
        if (isDate(value)) return kind === 'text' ? text(renderer.value(value, row, key), row) : date(value, row);
        return stringValue(objectText(value, row, key), row);
      default:
        throw invalidValue(value, row, key);
    }
  };
}
