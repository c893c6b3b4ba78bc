import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../helpers/streams.js';
import { fixtures } from '../helpers/xlsxFixtures.js';

/** exceljs, an independent reader in-process, loads every test workbook. */
describe('XLSX read back with exceljs', () => {
  const books: Record<string, ExcelJS.Workbook> = {};
  beforeAll(async () => {
    for (const f of fixtures) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await readAll(f.make())) as never);
      books[f.name] = book;
    }
  });
  const sheet = (name: string, i = 0) => (books[name] as ExcelJS.Workbook).worksheets[i] as ExcelJS.Worksheet;

  it('reads typed values', () => {
    const ws = sheet('typed');
    expect(ws.name).toBe('Typed');
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(2).slice(0, 7)).toEqual([1, 'Ada Lovelace', 93.456, 0.875, new Date('1990-12-10T00:00:00Z'), new Date('2024-01-15T14:30:45Z'), true]);
    expect(row(2)[7]).toBe('12345678901234567890');
    expect(row(2)[10]).toEqual({ error: '#NUM!' });
    expect(row(3)[1]).toBe('漢字テスト 한국어');
  });

  it('reads number formats, header style, frozen pane, autofilter and widths', () => {
    const ws = sheet('typed');
    expect(ws.getCell('A2').numFmt).toBe('0');
    expect(ws.getCell('D2').numFmt).toBe('0.00%');
    expect(ws.getCell('F2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, color: { argb: 'FFFFFFFF' } });
    expect(ws.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF4472C4' } });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(ws.autoFilter).toBe('A1:M4');
    expect(ws.getColumn(13).width).toBe(30);
    expect(ws.getCell('M2').alignment).toMatchObject({ wrapText: true });
  });

  it('reads every sheet of a workbook, in order', () => {
    const book = books.report as ExcelJS.Workbook;
    expect(book.worksheets.map((w) => w.name)).toEqual(['Student Analytics', 'Class Summary', 'Performance']);
    expect(sheet('report', 0).rowCount).toBe(41);
    expect(sheet('report', 2).getCell('B3').value).toBe(0.85);
  });

  it('reads repaired sheet names', () => {
    expect((books.names as ExcelJS.Workbook).worksheets.map((w) => w.name)).toEqual(['Q1_Q2_ _draft__', 'x'.repeat(31), 'DATA', 'data (2)', 'History_']);
  });
});
