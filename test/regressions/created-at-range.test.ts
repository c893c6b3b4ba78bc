// A `createdAt` in year 10000, year 0 or a negative year wrote a core.xml date (`+010000-…`, `-000001-…`)
// that openpyxl refuses to open; it is now ROWPORT_INVALID_OPTION at the call (#18).
import { afterEach, describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { haveTool } from '../helpers/tools.js';
import { readWithOpenpyxl, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

const utc = (year: number, ...rest: number[]): Date => {
  const d = new Date(0); // Date.UTC would read years 0-99 as 1900-1999
  d.setUTCFullYear(year, rest[0] ?? 0, rest[1] ?? 1);
  d.setUTCHours(rest[2] ?? 0, rest[3] ?? 0, rest[4] ?? 0, rest[5] ?? 0);
  return d;
};

describe('createdAt range', () => {
  it.each([
    ['year 10000', utc(10000)],
    ['year 0', utc(0, 11, 31, 23, 59, 59, 999)],
    ['year -1', utc(-1, 5, 1)],
  ])('refuses %s at the call, in toXlsx and toWorkbook', (_, createdAt) => {
    expect(() => toXlsx([{ a: 1 }], { createdAt })).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('createdAt') }),
    );
    expect(() => toWorkbook([{ name: 'A', rows: [{ a: 1 }] }], { createdAt })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });

  it.runIf(haveTool('openpyxl'))('writes the edges of the range, 0001-01-01 and 9999-12-31 23:59:59.999, so openpyxl opens them', async () => {
    const dir = tempDir();
    const first = await saveTo(dir, 'first.xlsx', toXlsx([{ a: 1 }], { createdAt: utc(1, 0, 1) }));
    const last = await saveTo(dir, 'last.xlsx', toWorkbook([{ name: 'A', rows: [{ a: 1 }] }], { createdAt: utc(9999, 11, 31, 23, 59, 59, 999) }));
    const books = readWithOpenpyxl([first, last]);
    expect(books[first]?.error).toBeUndefined();
    expect(books[first]?.created).toBe('0001-01-01T00:00:00');
    expect(books[last]?.error).toBeUndefined();
    expect(books[last]?.created).toBe('9999-12-31T23:59:59');
  });
});
