import { describe, expect, it } from 'vitest';
import { calendarMs, parseDateValue } from '../../src/dates/parseDate.js';

describe('parseDateValue', () => {
  it('reads a YYYY-MM-DD string as a calendar date', () => {
    expect(parseDateValue('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
  });
  it('reads an ISO date-time with an offset as an instant', () => {
    expect(parseDateValue('2026-02-28T10:00:00+01:00')).toBe(Date.UTC(2026, 1, 28, 9));
  });
  it('reads a Date and epoch milliseconds as instants', () => {
    expect(parseDateValue(new Date(5))).toBe(5);
    expect(parseDateValue(5)).toBe(5);
  });
  it.each(['2026-02-30', 'soon', new Date(Number.NaN), 9e15])('rejects %s with ROWPORT_INVALID_DATE, naming row and column', (value) => {
    expect(() => parseDateValue(value, 4, 'due')).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_DATE', row: 4, column: 'due' }));
  });
});

describe('calendarMs', () => {
  it('reads years 0-99 as written', () => {
    expect(new Date(calendarMs(50, 1, 1)).getUTCFullYear()).toBe(50);
  });
});
