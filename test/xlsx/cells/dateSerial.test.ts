import { describe, expect, it } from 'vitest';
import { Zone } from '../../../src/dates/zone.js';
import { excelSerial, wallTime } from '../../../src/xlsx/cells/dateSerial.js';

const utc = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h);

describe('excelSerial', () => {
  it.each([
    [utc(1900, 1, 1), 1],
    [utc(1900, 2, 28), 59],
    [utc(1900, 3, 1), 61], // 60 is Excel's fictitious 1900-02-29
    [utc(1970, 1, 1), 25569],
    [utc(2024, 1, 15), 45306],
    [utc(9999, 12, 31), 2958465],
  ])('serial of %d is %d', (ms, serial) => {
    expect(excelSerial(ms)).toBe(serial);
  });
  it('keeps the time of day as a fraction', () => {
    expect(excelSerial(utc(2024, 1, 15, 18))).toBe(45306.75);
  });
  it('is undefined before 1900 and after 9999', () => {
    expect(excelSerial(utc(1899, 12, 31))).toBeUndefined();
    expect(excelSerial(utc(1815, 12, 10))).toBeUndefined();
    expect(excelSerial(utc(10000, 1, 1))).toBeUndefined();
  });
});

describe('wallTime', () => {
  it('shifts an instant into the zone', () => {
    const berlin = new Zone('Europe/Berlin');
    expect(wallTime(new Date('2024-07-01T22:30:00Z'), berlin, false, 0, 'd')).toBe(Date.UTC(2024, 6, 2, 0, 30));
  });
  it('never shifts a calendar date', () => {
    const tokyo = new Zone('Asia/Tokyo');
    expect(wallTime('2024-03-10', tokyo, false, 0, 'd')).toBe(Date.UTC(2024, 2, 10));
  });
  it('drops the time of day for whole days', () => {
    expect(wallTime(Date.UTC(2024, 0, 15, 13, 5), new Zone('UTC'), true, 0, 'd')).toBe(Date.UTC(2024, 0, 15));
  });
  it('rejects an invalid date with row and column', () => {
    expect(() => wallTime(new Date(Number.NaN), new Zone('UTC'), false, 4, 'when')).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_DATE', row: 4, column: 'when' }),
    );
  });
});
