import { describe, expect, it, vi } from 'vitest';
import { type RowportWarning, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// The real limit (1,048,576 rows) takes a million rows to reach: test/xlsx/rowLimit.slow.test.ts
// proves it in CI. Here the same logic runs against a limit of 10 rows a sheet.
vi.mock('../../src/xlsx/xml/sheetXml.js', async (importOriginal) => ({ ...(await importOriginal<object>()), MAX_SHEET_ROWS: 10 }));

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i }));
const sheetNames = (workbookXml: string) => [...workbookXml.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
const lastRow = (sheetXml: string) => Math.max(...[...sheetXml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));

describe('row limit (10 rows a sheet here)', () => {
  it('continues on Name (2), Name (3) with the header repeated, and warns', async () => {
    const warnings: RowportWarning[] = [];
    const p = parts(await readAll(toXlsx(rows(25), { sheetName: 'Big', onWarning: (w) => warnings.push(w) })));
    expect(sheetNames(p['xl/workbook.xml'] as string)).toEqual(['Big', 'Big (2)', 'Big (3)']);
    expect(lastRow(p['xl/worksheets/sheet1.xml'] as string)).toBe(10);
    expect(lastRow(p['xl/worksheets/sheet2.xml'] as string)).toBe(10);
    expect(lastRow(p['xl/worksheets/sheet3.xml'] as string)).toBe(8); // 25 = 9 + 9 + 7
    for (const n of [1, 2, 3]) {
      const sheet = p[`xl/worksheets/sheet${n}.xml`] as string;
      expect(sheet).toMatch(/<c r="A1"[^>]*t="inlineStr"><is><t>id<\/t>/);
      expect(sheet).toContain('state="frozen"');
    }
    expect(p['xl/worksheets/sheet2.xml']).toMatch(/<c r="A2"[^>]*><v>9<\/v>/);
    expect(p['xl/worksheets/sheet2.xml']).toContain('<autoFilter ref="A1:A10"/>');
    expect(p['xl/worksheets/sheet3.xml']).toContain('<autoFilter ref="A1:A8"/>');
    expect(warnings.map((w) => [w.code, w.sheet, w.row])).toEqual([
      ['ROWPORT_SHEET_CONTINUED', 'Big (2)', 9],
      ['ROWPORT_SHEET_CONTINUED', 'Big (3)', 18],
    ]);
  });

  it('fills a sheet exactly without a continuation', async () => {
    const p = parts(await readAll(toXlsx(rows(9))));
    expect(sheetNames(p['xl/workbook.xml'] as string)).toEqual(['Sheet1']);
  });

  it('counts every row without a header', async () => {
    const p = parts(await readAll(toXlsx(rows(20), { header: false })));
    expect(sheetNames(p['xl/workbook.xml'] as string)).toEqual(['Sheet1', 'Sheet1 (2)']);
    expect(lastRow(p['xl/worksheets/sheet2.xml'] as string)).toBe(10);
  });

  it('avoids names of later sheets of a workbook', async () => {
    const p = parts(
      await readAll(
        toWorkbook([
          { name: 'Big', rows: rows(12) },
          { name: 'Big (2)', rows: rows(1) },
        ]),
      ),
    );
    expect(sheetNames(p['xl/workbook.xml'] as string)).toEqual(['Big', 'Big (3)', 'Big (2)']);
  });

  it("fails with ROWPORT_ROW_LIMIT naming the row with onRowLimit: 'error'", async () => {
    await expect(readAll(toXlsx(rows(25), { onRowLimit: 'error' }))).rejects.toMatchObject({ code: 'ROWPORT_ROW_LIMIT', row: 9 });
  });
});
