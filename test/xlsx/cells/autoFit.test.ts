import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../../src/types.js';
import { fitWidths, textWidth } from '../../../src/xlsx/cells/autoFit.js';
import { sheetColumns } from '../../helpers/sheetColumns.js';

const fit = { sampleRows: 300, minWidth: 8, maxWidth: 50 };
const widths = (specs: ColumnSpec[], rows: Record<string, unknown>[], header = true, filter = false) =>
  fitWidths(sheetColumns(specs, rows[0]), rows, header, filter, fit);

describe('textWidth', () => {
  it('counts characters', () => {
    expect(textWidth('hello')).toBe(5);
  });
  it('counts wide CJK characters double', () => {
    expect(textWidth('漢字テスト')).toBe(10);
    expect(textWidth('한국어')).toBe(6);
    expect(textWidth('ＡＢ')).toBe(4);
  });
  it('measures the longest line', () => {
    expect(textWidth('ab\nabcdef\nabc')).toBe(6);
  });
});

describe('fitWidths', () => {
  it('never goes below 8 characters', () => {
    expect(widths(['a'], [{ a: 'x' }])).toEqual([8]);
  });
  it('never goes past 50 characters', () => {
    expect(widths(['a'], [{ a: 'x'.repeat(200) }])).toEqual([50]);
  });
  it('fits the longest value plus padding', () => {
    expect(widths(['a'], [{ a: 'x'.repeat(20) }, { a: 'x'.repeat(30) }])).toEqual([32]);
  });
  it('fits the header, with room for the filter button', () => {
    expect(widths(['a_long_header_name'], [{ a_long_header_name: 1 }], true, false)).toEqual([20]);
    expect(widths(['a_long_header_name'], [{ a_long_header_name: 1 }], true, true)).toEqual([22]);
  });
  it('ignores the header when there is none', () => {
    expect(widths(['a_long_header_name'], [{ a_long_header_name: 1 }], false)).toEqual([8]);
  });
  it('measures numbers as their format shows them', () => {
    expect(widths([{ key: 'n', type: 'decimal' }], [{ n: 1234567.891 }])).toEqual([12]); // 1234567.89
    expect(widths([{ key: 'n', type: 'percent' }], [{ n: 12.5 }])).toEqual([10]); // 1250.00%
    expect(widths([{ key: 'n', numFmt: '#,##0.00' }], [{ n: 1234567.891 }])).toEqual([14]); // 1,234,567.89
  });
  it('measures dates as their format shows them', () => {
    expect(widths([{ key: 'd', type: 'datetime' }], [{ d: new Date() }])).toEqual([21]);
    expect(widths([{ key: 'd', type: 'date' }], [{ d: new Date() }])).toEqual([12]);
  });
  it('counts CJK double', () => {
    expect(widths(['a'], [{ a: '漢'.repeat(10) }])).toEqual([22]);
  });
  it('keeps an explicit width', () => {
    expect(widths([{ key: 'a', width: 5 }], [{ a: 'x'.repeat(40) }])).toEqual([5]);
  });
  it('leaves widths to Excel when auto-fit is off, but keeps explicit ones', () => {
    const columns = sheetColumns([{ key: 'a', width: 30 }, 'b'], { a: 1, b: 2 });
    expect(fitWidths(columns, [], true, true, undefined)).toEqual([30, undefined]);
  });
});
