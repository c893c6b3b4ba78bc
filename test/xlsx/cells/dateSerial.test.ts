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

describe('excelSerial, exactly', () => {
  /** The double `x` as an exact fraction num / 2^shift (x > 0). */
  const exactly = (x: number): { num: bigint; shift: bigint } => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const exponent = Number((bits >> 52n) & 0x7ffn);
    const mantissa = (bits & ((1n << 52n) - 1n)) | (exponent === 0 ? 0n : 1n << 52n);
    return { num: mantissa, shift: BigInt(1075 - Math.max(exponent, 1)) };
  };
  /** Sign of x × 86,400,000 − n, exactly. */
  const compare = (x: number, n: number): number => {
    const { num, shift } = exactly(x);
    const left = num * 86_400_000n;
    const right = BigInt(n) << shift;
    return left === right ? 0 : left > right ? 1 : -1;
  };
  const below = (x: number): number => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    view.setBigUint64(0, view.getBigUint64(0) - 1n);
    return view.getFloat64(0);
  };

  it('is the smallest double not below the true serial, so no reader that cuts a time shows a second early', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    let wrong = 0;
    for (let i = 0; i < 20_000; i++) {
      const wall = Math.floor(-2_203_891_200 + random() * 255_606_191_999) * 1000 + (i % 2 ? Math.floor(random() * 1000) : 0);
      const serial = excelSerial(wall) as number;
      const n = wall + (wall < Date.UTC(1900, 2, 1) ? 25_568 : 25_569) * 86_400_000;
      if (compare(serial, n) < 0 || compare(below(serial), n) >= 0) wrong++;
    }
    expect(wrong).toBe(0);
    expect(excelSerial(-12_605_000)).toBe(25_568.8541087963); // 1969-12-31 20:29:55: the nearest double, …295, is below it
  });
});
