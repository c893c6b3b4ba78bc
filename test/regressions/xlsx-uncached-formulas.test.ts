import { afterEach, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// Issue 12: a formula column without cached values wrote formulas that Excel, which trusts the
// cached results of a workbook saved by its own calculation engine (calcId 191029), had no reason
// to calculate; and a table total over such a column was cached from values that were never given
// (a sum of 0). Now the workbook asks to be calculated on open (`fullCalcOnLoad`) when any formula
// has no cached result, and such a total is written without one.
const rows = [
  { a: 2, b: 3 },
  { a: 4, b: 5 },
];
const columns = [{ key: 'a' }, { key: 'b' }, { key: 'product', formula: 'A{r}*B{r}' }];

describe('formulas without cached results', () => {
  afterEach(removeTempDirs);

  it('make the workbook calculate on open, and a total over them is left to the calculation', async () => {
    const p = parts(await readAll(toXlsx(rows, { columns, table: { totals: { a: 'sum', product: 'sum' } } })));
    expect(p['xl/workbook.xml']).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>');
    const sheet = p['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).toContain('<c r="A4" s="');
    expect(sheet).toMatch(/<c r="A4" s="\d+"><f>SUBTOTAL\(109,A2:A3\)<\/f><v>6<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="C4" s="\d+"><f>SUBTOTAL\(109,C2:C3\)<\/f><\/c>/); // not <v>0</v>
  });

  it('leave a workbook whose formulas all have results as it was', async () => {
    const cached = [{ key: 'a' }, { key: 'b' }, { key: 'product', formula: 'A{r}*B{r}', value: (r: { a: number; b: number }) => r.a * r.b }];
    const p = parts(await readAll(toXlsx(rows, { columns: cached, table: { totals: { product: 'sum' } } })));
    expect(p['xl/workbook.xml']).toContain('<calcPr calcId="191029"/>');
    expect(p['xl/worksheets/sheet1.xml']).toMatch(/<f>SUBTOTAL\(109,C2:C3\)<\/f><v>26<\/v>/);
  });

  it('calculate to the right values in LibreOffice', async () => {
    if (!haveTool('soffice')) return;
    const path = await saveTo(tempDir(), 'uncached.xlsx', toXlsx(rows, { columns, table: { totals: { a: 'sum', product: 'sum' } } }));
    expect(convertWithLibreOffice([path])[path]?.Sheet1?.trim().split('\n')).toEqual(['a,b,product', '2,3,6', '4,5,20', '6,,26']);
  });
});
