import { describe, expect, it, vi } from 'vitest';
import { toXlsx } from '../../../../src/index.js';
import { readAll } from '../../../helpers/streams.js';
import { parts } from '../../../helpers/unzip.js';

// The same logic as at 1,048,576 rows, against a limit of 10 rows a sheet (see test/xlsx/rowLimit.test.ts).
vi.mock('../../../../src/xlsx/xml/sheetXml.js', async (importOriginal) => ({ ...(await importOriginal<object>()), MAX_SHEET_ROWS: 10 }));

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, score: i * 10 }));
const lastRow = (sheetXml: string) => Math.max(...[...sheetXml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));

describe('a table on a sheet past the row limit (10 rows a sheet here)', () => {
  it('covers each part with its own table, totals row and conditional formats, under the title block', async () => {
    const p = parts(
      await readAll(
        toXlsx(rows(8), {
          sheetName: 'Big',
          title: 'Scores',
          table: { totals: { id: 'Total', score: 'sum' } },
          conditionalFormats: [{ type: 'dataBar', column: 'score' }],
        }),
      ),
    );
    // 10 rows: title, empty row, header, 6 data rows, totals; 8 rows = 6 + 2.
    const s1 = p['xl/worksheets/sheet1.xml'] as string;
    const s2 = p['xl/worksheets/sheet2.xml'] as string;
    expect(lastRow(s1)).toBe(10);
    expect(s1).toMatch(/<c r="B10" s="\d+"><f>SUBTOTAL\(109,B4:B9\)<\/f><v>150<\/v><\/c>/);
    expect(s2).toMatch(/<c r="B6" s="\d+"><f>SUBTOTAL\(109,B4:B5\)<\/f><v>130<\/v><\/c>/);
    expect(p['xl/tables/table1.xml']).toContain('name="Big" displayName="Big" ref="A3:B10" totalsRowCount="1"><autoFilter ref="A3:B9"/>');
    expect(p['xl/tables/table2.xml']).toContain('name="Big__2_" displayName="Big__2_" ref="A3:B6" totalsRowCount="1"><autoFilter ref="A3:B5"/>');
    expect(s1).toContain('<conditionalFormatting sqref="B4:B9">');
    expect(s2).toContain('<conditionalFormatting sqref="B4:B5">');
    for (const s of [s1, s2]) {
      expect(s).toContain('<mergeCell ref="A1:B1"/>');
      expect(s).not.toContain('<autoFilter');
      expect(s).toMatch(/<tableParts count="1"><tablePart r:id="rId1"\/><\/tableParts><\/worksheet>$/);
    }
    expect(p['[Content_Types].xml']).toContain(
      '<Override PartName="/xl/tables/table2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>',
    );
  });
});
