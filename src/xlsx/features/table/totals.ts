import type { TotalFunction } from './tableOptions.js';

/** Numbers Excel keeps; an integer with more digits is written as text, and SUBTOTAL skips it. */
const MAX_EXACT = 1e15;
/** A plain decimal literal (as the XLSX cells take numeric strings in numeric columns). */
const NUMERIC = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The value of one totals-row cell, computed while the rows stream: one pass, constant memory
 * (Welford's running mean and variance). It sees each value the way the cell is written:
 * numbers (and numeric strings in numeric columns) count as numbers, `NaN`/`±Infinity` make
 * Excel's `#NUM!`, other text and booleans are skipped as `SUBTOTAL` skips them.
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

  /** @param numericText - True when numeric strings are written as numbers (numeric column types). */
  constructor(private readonly numericText: boolean) {}

  /** Takes one value of the column. */
  add(value: unknown): void {
    if (value === null || value === undefined || value === '') return;
    this.nonEmpty++;
    let x: number;
    if (typeof value === 'number') x = value;
    else if (typeof value === 'bigint') {
      if (value >= BigInt(MAX_EXACT) || value <= -BigInt(MAX_EXACT)) return;
      x = Number(value);
    } else if (typeof value === 'string' && this.numericText && NUMERIC.test(value)) x = Number(value);
    else return;
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

  /** The cached value of `fn`: a number, or an Excel error (`#DIV/0!`, `#NUM!`) as Excel shows it. */
  value(fn: TotalFunction): number | '#DIV/0!' | '#NUM!' {
    if (fn === 'count') return this.nonEmpty;
    if (this.error) return '#NUM!';
    switch (fn) {
      case 'countNums':
        return this.count;
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

  /** Starts again (for the next part of a sheet that rolled over). */
  reset(): void {
    this.count = this.nonEmpty = this.sum = this.mean = this.m2 = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.error = false;
  }
}
