import type { Zone } from '../../../dates/zone.js';
import { NUMERIC_LITERAL, exactBigint, exactDouble } from '../../../writer/numbers.js';
import { excelSerial, wallTime } from '../../cells/dateSerial.js';
import type { ColumnPlan } from '../../settings/sheetSettings.js';
import type { TotalFunction } from './tableOptions.js';
import { isDate } from '../../../base/isDate.js';
import { objectText } from '../../../writer/values.js';

/** What a column's cell holds for `SUBTOTAL`: its number (non-finite for a `#NUM!` cell), or undefined for text and booleans. */
export type CellNumber = (value: unknown) => number | undefined;

/**
 * How the cells of a column hold its values, as `SUBTOTAL` sees them, by the rules of the cell
 * writer (`compileCell` in src/xlsx/cells/cells.ts): numbers as they are (`NaN`/`±Infinity` as
 * `#NUM!`); bigints, and numeric strings and Decimal.js values of a number column, when a double
 * holds their digits (else they are text); dates as their serial in the sheet's zone (text
 * outside 1900…9999); in a `string` column, everything is text.
 * @param zone - The sheet's time zone, in which dates become serials.
 */
export function cellNumber(column: Pick<ColumnPlan, 'key' | 'kind' | 'type'>, zone: Zone): CellNumber {
  const serial = (value: unknown): number | undefined => {
    try {
      return excelSerial(wallTime(value, zone, column.type === 'date', 0, column.key));
    } catch {
      return undefined; // not a date: the cell writer refused it (or wrote it as text)
    }
  };
  if (column.kind === 'text') return () => undefined;
  if (column.kind === 'date') return serial;
  const numericText = column.kind === 'number';
  return (value) => {
    switch (typeof value) {
      case 'number':
        return value;
      case 'bigint':
        return exactBigint(value);
      case 'string':
        return numericText && NUMERIC_LITERAL.test(value) ? exactDouble(value) : undefined;
      case 'object':
        if (value === null) return undefined;
        return isDate(value) ? serial(value) : numericText ? objectNumber(value, column.key) : undefined;
      default:
        return undefined;
    }
  };
}

/** The number of an object in a number column: a Decimal.js value's digits, when a double holds them (as its cell does). */
function objectNumber(value: object, key: string): number | undefined {
  try {
    const text = objectText(value, 0, key);
    return NUMERIC_LITERAL.test(text) ? exactDouble(text) : undefined;
  } catch {
    return undefined; // the cell writer refuses it
  }
}

/**
 * The value of one totals-row cell, computed while the rows stream: one pass, constant memory
 * (Welford's running mean and variance). It sees each value the way its cell is written
 * ({@link cellNumber}): numbers count, `#NUM!` cells (`NaN`, `±Infinity`) make every function
 * but `count` and `countNums` `#NUM!`, text and booleans are skipped as `SUBTOTAL` skips them.
 */
export class RunningTotal {
  private count = 0;
  private nonEmpty = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;
  private mean = 0;
  private m2 = 0;
  private error = false;

  private uncached = false;

  /**
   * @param numberOf - What the column's cell holds for a value (see {@link cellNumber}).
   * @param formula - True for a formula column, whose values are its cells' cached results.
   * @param unwritten - Values besides null, undefined and '' whose cell is not written (an empty link of a `url` column).
   */
  constructor(
    private readonly numberOf: CellNumber,
    private readonly formula = false,
    private readonly unwritten?: (value: unknown) => boolean,
  ) {}

  /** True when a formula cell of the column had no cached result: the total cannot be known while streaming. */
  get unknown(): boolean {
    return this.uncached;
  }

  /** Takes one value of the column. */
  add(value: unknown): void {
    if (value === null || value === undefined || value === '' || this.unwritten?.(value)) {
      if (this.formula) this.uncached = true;
      return;
    }
    this.nonEmpty++;
    const x = this.numberOf(value);
    if (x === undefined) return;
    if (!Number.isFinite(x)) {
      this.error = true;
      return;
    }
    this.count++;
    this.sum += x;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
  }

  /**
   * The cached value of `fn`: a finite number, or an Excel error (`#DIV/0!`, `#NUM!`) as Excel
   * shows it. `count` (COUNTA) counts error cells, `countNums` (COUNT) skips them; a result past
   * a double's range (a sum of huge numbers) is `#NUM!`, as in Excel.
   */
  value(fn: TotalFunction): number | '#DIV/0!' | '#NUM!' {
    if (fn === 'count') return this.nonEmpty;
    if (fn === 'countNums') return this.count;
    if (this.error) return '#NUM!';
    const result = this.result(fn);
    return typeof result === 'number' && !Number.isFinite(result) ? '#NUM!' : result;
  }

  /** Starts again (for the next part of a sheet that rolled over). */
  reset(): void {
    this.count = this.nonEmpty = this.sum = this.mean = this.m2 = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.error = false;
    this.uncached = false;
  }

  private result(fn: Exclude<TotalFunction, 'count' | 'countNums'>): number | '#DIV/0!' {
    switch (fn) {
      case 'sum':
        return this.sum;
      case 'average':
        return this.count === 0 ? '#DIV/0!' : this.sum / this.count;
      case 'min':
        return this.count === 0 ? 0 : this.min;
      case 'max':
        return this.count === 0 ? 0 : this.max;
      case 'var':
        return this.count < 2 ? '#DIV/0!' : this.m2 / (this.count - 1);
      case 'stdDev':
        return this.count < 2 ? '#DIV/0!' : Math.sqrt(this.m2 / (this.count - 1));
    }
  }
}
