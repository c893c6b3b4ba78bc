import { describe, expect, it } from 'vitest';
import { cellNumFmt, dateNumFmt, excelDatePattern } from '../../../src/xlsx/settings/numFmt.js';

describe('dateNumFmt', () => {
  it.each([
    ['iso', 'date', 'yyyy-mm-dd'],
    ['iso', 'datetime', 'yyyy-mm-dd hh:mm:ss'],
    ['iso', undefined, 'yyyy-mm-dd'],
    ['us', 'date', 'mm/dd/yyyy'],
    ['us', 'datetime', 'mm/dd/yyyy hh:mm:ss'],
    ['eu', 'date', 'dd.mm.yyyy'],
    ['eu', 'datetime', 'dd.mm.yyyy hh:mm:ss'],
    ['full', 'date', 'yyyy-mm-dd'],
    ['full', 'datetime', 'yyyy-mm-dd hh:mm:ss'],
    ['full', undefined, 'yyyy-mm-dd hh:mm:ss'],
    ['dd/MM/yyyy HH:mm', undefined, 'dd/mm/yyyy hh:mm'],
  ] as const)('%s for a %s column is %s', (format, type, expected) => {
    expect(dateNumFmt(format, type)).toBe(expected);
  });
  it('falls back to ISO for a pattern Excel cannot show', () => {
    expect(dateNumFmt('QQQ yyyy', 'date')).toBe('yyyy-mm-dd');
    expect(dateNumFmt('QQQ yyyy', 'datetime')).toBe('yyyy-mm-dd hh:mm:ss');
  });
});

describe('excelDatePattern', () => {
  it.each([
    ['yyyy-MM-dd', 'yyyy-mm-dd'],
    ['d MMMM yyyy', 'd mmmm yyyy'],
    ['EEE, d MMM', 'ddd, d mmm'],
    ['hh:mm a', 'hh:mm AM/PM'],
    ['h:mm a', 'h:mm AM/PM'],
    ['dEEEE', 'd""dddd'],
    ['HH:mm:ss MM/dd', 'hh:mm:ss mm/dd'],
    ["'-'yyyy.", '"-"yyyy"."'],
    ["yyyy 'week'", 'yyyy" week"'],
    ['HH:mm:ss.SSS', 'hh:mm:ss.000'],
  ])('%s → %s', (pattern, expected) => {
    expect(excelDatePattern(pattern)).toBe(expected);
  });
  it('is undefined for tokens Excel lacks, and where Excel would show other text', () => {
    for (const pattern of ['QQQ', 'do', 'mm yyyy', 'SSS', 'h:mm', 'HH:mm a', 'HH:MM', 'ss MM', 'aaa', '-/'])
      expect(excelDatePattern(pattern), pattern).toBeUndefined();
  });
});

describe('cellNumFmt', () => {
  it.each([
    ['number', 'integer', undefined, '0'],
    ['number', 'decimal', undefined, '0.00'],
    ['number', 'percent', undefined, '0.00%'],
    ['number', undefined, undefined, undefined],
    ['number', 'date', undefined, undefined],
    ['number', 'string', '#,##0', '#,##0'],
    ['date', 'date', undefined, 'mm/dd/yyyy'],
    ['date', 'datetime', undefined, 'mm/dd/yyyy hh:mm:ss'],
    ['date', undefined, undefined, 'mm/dd/yyyy'],
    ['date', 'integer', undefined, 'mm/dd/yyyy'],
    ['date', 'date', 'd mmm', 'd mmm'],
  ] as const)('%s cells of a %s column with numFmt %s (dateFormat us): %s', (kind, type, numFmt, expected) => {
    expect(cellNumFmt(kind, { type, numFmt }, 'us')).toBe(expected);
  });
});
