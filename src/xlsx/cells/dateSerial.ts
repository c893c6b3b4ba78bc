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
  let serial = wallMs / MS_PER_DAY + EPOCH_OFFSET;
  if (serial < FIRST_TRUE_SERIAL) serial -= 1;
  return serial < 1 ? undefined : serial;
}

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
