import { type CalendarDate, parseDateValue } from '../../dates/parseDate.js';
import type { Zone } from '../../dates/zone.js';

const MS_PER_DAY = 86_400_000;
/** Days from Excel's day 0 (1899-12-30 in the corrected count) to 1970-01-01. */
const EPOCH_OFFSET = 25_569;
/** Serial of 1900-03-01, the first day after Excel's fictitious 1900-02-29. */
const FIRST_TRUE_SERIAL = 61;
/** Wall-clock ms of 10000-01-01: Excel's dates end with 9999-12-31. */
const END_OF_EXCEL = 253_402_300_800_000;

/**
 * The Excel serial (1900 date system) of a wall-clock time stored as if UTC, or undefined when
 * Excel cannot hold it (before 1900-01-01 or after 9999-12-31). Honours Excel's 1900 leap-year
 * quirk: from 1900-03-01 on, serials count the fictitious 1900-02-29.
 */
export function excelSerial(wallMs: number): number | undefined {
  if (wallMs >= END_OF_EXCEL) return undefined;
  let offset = EPOCH_OFFSET;
  if (wallMs / MS_PER_DAY + offset < FIRST_TRUE_SERIAL) offset -= 1;
  const serial = wallMs / MS_PER_DAY + offset;
  return serial < 1 ? undefined : notBelow(serial, wallMs + offset * MS_PER_DAY);
}

/**
 * The smallest double not below `exact / MS_PER_DAY`, from `serial`, a double or two from it (the
 * division and the addition each round). LibreOffice cuts a time to the second it shows, so a whole
 * second whose nearest double is a hair below it was shown a second early (1 in 50 whole-second
 * times: 03:45:28 as 03:45:27); a double at most one step above reads back as the same millisecond
 * everywhere, and Excel, which rounds, shows the same.
 * @param exact - The serial times a day in ms: an integer, exact in a double (|exact| < 2^53).
 */
function notBelow(serial: number, exact: number): number {
  let x = serial;
  while (against(x, exact) < 0) x = step(x, 1);
  for (let lower = step(x, -1); against(lower, exact) >= 0; lower = step(x, -1)) x = lower;
  return x;
}

/** The sign of `x × MS_PER_DAY − exact`, exactly (Dekker's product error: product + error is x × MS_PER_DAY). */
function against(x: number, exact: number): number {
  const product = x * MS_PER_DAY;
  return product - exact + productError(x, MS_PER_DAY, product);
}

/** The next double up (`by` 1) or down (-1) from a positive `x`. */
function step(x: number, by: 1 | -1): number {
  BITS.float[0] = x;
  const low = BITS.words[LOW] as number;
  if (by === 1 && low === 0xffffffff) {
    BITS.words[LOW] = 0;
    (BITS.words[HIGH] as number)++;
  } else if (by === -1 && low === 0) {
    BITS.words[LOW] = 0xffffffff;
    (BITS.words[HIGH] as number)--;
  } else BITS.words[LOW] = low + by;
  return BITS.float[0] as number;
}

/** The rounding error of `product = a * b` (Veltkamp's split, Dekker's two-product). */
function productError(a: number, b: number, product: number): number {
  let t = SPLIT * a;
  const aHigh = t - (t - a);
  const aLow = a - aHigh;
  t = SPLIT * b;
  const bHigh = t - (t - b);
  const bLow = b - bHigh;
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

const SPLIT = 134_217_729; // 2^27 + 1
/** A double and its two 32-bit words, to step to the next double (serials are positive: up is +1 on its bits). */
const BITS = (() => {
  const float = new Float64Array(1);
  return { float, words: new Uint32Array(float.buffer) };
})();
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * Wall-clock ms of a date value in `zone`: an instant (a `Date`, epoch ms, an ISO date-time
 * string) is shifted into the zone; a `'YYYY-MM-DD'` calendar date is taken as it is.
 * @param wholeDays - Drop the time of day (for `date` columns).
 * @throws {RowportError} `ROWPORT_INVALID_DATE`.
 */
export function wallTime(value: unknown, zone: Zone, wholeDays: boolean, row: number, column: string): number {
  const parsed = parseDateValue(value, row, column, zone);
  const wallMs = typeof parsed === 'number' ? parsed + zone.offset(parsed) : calendarMs(parsed);
  return wholeDays ? Math.floor(wallMs / MS_PER_DAY) * MS_PER_DAY : wallMs;
}

// --- internal ---

function calendarMs({ year, month, day }: CalendarDate): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}
