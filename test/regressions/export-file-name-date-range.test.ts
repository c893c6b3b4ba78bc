// `exportFileName` with a date in year 10000 or before year 0 wrote a stamp cut from toISOString()'s six-digit,
// signed year (`a_+0100001_010000.csv`): another date, and a `+` in a "safe" name. It is ROWPORT_INVALID_OPTION (#18).
import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../src/index.js';

function utc(year: number, month: number, day: number, ...time: number[]): Date {
  const d = new Date(0); // Date.UTC would read years 0-99 as 1900-1999
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(time[0] ?? 0, time[1] ?? 0, time[2] ?? 0, time[3] ?? 0);
  return d;
}

describe('exportFileName date range', () => {
  it.each([[utc(10000, 1, 1)], [utc(-1, 12, 31, 23, 59, 59, 999)], [utc(-100, 6, 1)]])('refuses %s', (date) => {
    expect(() => exportFileName('a', 'csv', { date })).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('date') }),
    );
  });

  it('keeps the edges, years 0000 and 9999', () => {
    expect(exportFileName('a', 'csv', { date: utc(0, 1, 1) })).toBe('a_00000101_000000.csv');
    expect(exportFileName('a', 'csv', { date: utc(9999, 12, 31, 23, 59, 59, 999) })).toBe('a_99991231_235959.csv');
  });
});
