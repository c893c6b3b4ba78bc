import { describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 11: a toWorkbook sheet's chart took its date axis format from a dateFormat of its own
// (default 'iso') instead of the workbook's, so the cells said mm/dd/yyyy and the axis yyyy-mm-dd.
const weeks = [0, 1, 2].map((i) => ({ week: new Date(Date.UTC(2024, 8, 2 + 7 * i)), attendance: 0.9 + i / 100 }));
const sheet = {
  name: 'Weeks',
  rows: weeks,
  columns: [
    { key: 'week', type: 'date' as const },
    { key: 'attendance', type: 'percent' as const },
  ],
  charts: [{ type: 'line' as const, categories: 'week', series: ['attendance'] }],
};
const axisFormat = (chart: string) => /<c:catAx>.*?<c:numFmt formatCode="([^"]*)"/.exec(chart)?.[1];

describe('a date-category chart in a toWorkbook sheet', () => {
  it("follows the workbook's dateFormat, as the cells do", async () => {
    const p = parts(await readAll(toWorkbook([sheet], { dateFormat: 'us' })));
    expect(p['xl/styles.xml']).toContain('formatCode="mm/dd/yyyy"');
    expect(axisFormat(p['xl/charts/chart1.xml'] as string)).toBe('mm/dd/yyyy');
  });

  it("follows the sheet's own dateFormat over the workbook's", async () => {
    const p = parts(await readAll(toWorkbook([{ ...sheet, dateFormat: 'eu' }], { dateFormat: 'us' })));
    expect(axisFormat(p['xl/charts/chart1.xml'] as string)).toBe('dd.mm.yyyy');
  });

  it('is the same as toXlsx with the same options', async () => {
    const { name, rows: _rows, ...options } = sheet;
    const p = parts(await readAll(toXlsx(weeks, { ...options, sheetName: name, dateFormat: 'us' })));
    expect(axisFormat(p['xl/charts/chart1.xml'] as string)).toBe('mm/dd/yyyy');
  });
});
