import { RowportError, RowportErrorCode, at, describe, isThenable, notAwaited } from '../errors.js';
import type { Zone } from './zone.js';
import { isDate } from '../base/isDate.js';

/** The largest epoch milliseconds a `Date` can hold (ECMA-262 §21.4.1.1 Time Values). */
export const MAX_EPOCH_MS = 8.64e15;
const MAX_EPOCH_MS_BIG = 8_640_000_000_000_000n;

/** A calendar date without a time zone. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Reads a date value: an instant (epoch ms) from a `Date`, a number (a fraction cut, as `Date` cuts
 * it), a bigint or an ISO date-time string, or a calendar date from a `YYYY-MM-DD` string.
 * @throws {RowportError} `ROWPORT_INVALID_DATE`.
 */
export function parseDateValue(value: unknown, row?: number, column?: string, zone?: Zone): number | CalendarDate {
  if (isDate(value)) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw invalidDate(value, row, column);
    return ms;
  }
  if (typeof value === 'number') {
    // A Date holds ±8.64e15 ms (±100,000,000 days); past that there is no date to write.
    if (!(Math.abs(value) <= MAX_EPOCH_MS)) throw invalidDate(value, row, column);
    // Cut to the millisecond toward zero, as `new Date(ms)` does (`+ 0`: -0.5 is 0, not -0).
    return Math.trunc(value) + 0;
  }
  // Epoch ms as a bigint (an int8 column): exact as a number within what a Date holds.
  if (typeof value === 'bigint' && value <= MAX_EPOCH_MS_BIG && value >= -MAX_EPOCH_MS_BIG) return Number(value);
  if (typeof value === 'string') {
    const parsed = parseDateString(value, zone);
    if (parsed !== undefined) return parsed;
  }
  if (isThenable(value)) throw notAwaited(value, row, column);
  throw invalidDate(value, row, column);
}

/** Epoch milliseconds of midnight UTC on a calendar date (years 0-99 as written, not 1900-1999). */
export function calendarMs(year: number, month: number, day: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day);
  const d = new Date(0); // Date.UTC would read years 0-99 as 1900-1999
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/** `ROWPORT_INVALID_DATE` for a value that is no date, naming the row and column. */
export function invalidDate(value: unknown, row?: number, column?: string): RowportError {
  const what = isDate(value) ? 'an invalid Date' : describe(value);
  return new RowportError(RowportErrorCode.InvalidDate, `${at(row, column)}expected a valid Date, epoch milliseconds or a 'YYYY-MM-DD' string, got ${what}`, {
    row,
    column,
  });
}

// --- internal ---

/** The largest UTC offset taken from a date-time string, in minutes: ±18:00, as java.time and Temporal. */
const MAX_OFFSET_MINUTES = 18 * 60;

/**
 * Reads `YYYY-MM-DD` (a calendar date) or an ISO 8601 date-time: `T` or a space, optional seconds
 * and a fraction of 1-9 digits, then `Z`, `±hh`, `±hhmm`, `±hh:mm` up to ±18:00 (psql writes `+00`) or no offset,
 * which means wall-clock time in `zone` (UTC without one). Undefined when it is neither, or not a
 * real date. By hand rather than by RegExp: date columns read it for every cell.
 */
function parseDateString(text: string, zone: Zone | undefined): number | CalendarDate | undefined {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digitsAt(text, 0, 4),
    month = digitsAt(text, 5, 7),
    day = digitsAt(text, 8, 10);
  if (year < 0 || month < 0 || day < 0 || !validDay(year, month, day)) return undefined;
  if (length === 10) return { year, month, day };
  const separator = text.charCodeAt(10);
  if ((separator !== 84 && separator !== 116 && separator !== 32) || text.charCodeAt(13) !== 58) return undefined;
  const hour = digitsAt(text, 11, 13),
    minute = digitsAt(text, 14, 16);
  let second = 0,
    ms = 0,
    at = 16;
  if (text.charCodeAt(at) === 58) {
    second = digitsAt(text, 17, 19);
    at = 19;
    const mark = text.charCodeAt(at);
    if (mark === 46 || mark === 44) {
      let end = at + 1;
      while (end < length && end - at <= 9 && isDigit(text.charCodeAt(end))) end++;
      if (end === at + 1) return undefined;
      ms = Number(text.slice(at + 1, Math.min(end, at + 4)).padEnd(3, '0')); // milliseconds: the first three digits
      at = end;
    }
  }
  if (!(hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60)) return undefined;
  while (text.charCodeAt(at) === 32) at++;
  const wallMs = calendarMs(year, month, day) + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
  if (at === length) return zone ? zone.toInstant(wallMs) : wallMs; // no offset: wall-clock time in the zone
  const sign = text.charCodeAt(at);
  if ((sign === 90 || sign === 122) && at + 1 === length) return wallMs; // Z
  if (sign !== 43 && sign !== 45) return undefined;
  const hours = digitsAt(text, at + 1, at + 3);
  let minutes = 0; // ±hh
  if (text.charCodeAt(at + 3) === 58 && at + 6 === length)
    minutes = digitsAt(text, at + 4, at + 6); // ±hh:mm
  else if (at + 5 === length)
    minutes = digitsAt(text, at + 3, at + 5); // ±hhmm
  else if (at + 3 !== length) return undefined;
  if (hours < 0 || minutes < 0 || minutes >= 60 || hours * 60 + minutes > MAX_OFFSET_MINUTES) return undefined;
  return wallMs - (sign === 45 ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** The number written by the ASCII digits `text[from, to)`, or -1. */
function digitsAt(text: string, from: number, to: number): number {
  if (to > text.length) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (DAYS_IN_MONTH[month - 1] as number) + (leap ? 1 : 0);
}
