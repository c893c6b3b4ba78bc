import { describe, expect, it, vi } from 'vitest';
import { toXlsx } from '../../../src/index.js';
import { readAll } from '../../helpers/streams.js';
import { parts } from '../../helpers/unzip.js';

// The same logic as at 1,048,576 rows, against a limit of 10 rows a sheet (see test/xlsx/rowLimit.test.ts).
vi.mock('../../../src/xlsx/xml/sheetXml.js', async (importOriginal) => ({ ...(await importOriginal<object>()), MAX_SHEET_ROWS: 10 }));

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, status: 'a' }));

describe('validation, notes and protection on a sheet past the row limit (10 rows a sheet here)', () => {
  it('gives each physical sheet its own rules over its own rows', async () => {
    const p = parts(
      await readAll(
        toXlsx(rows(12), {
          columns: ['id', { key: 'status', validation: { list: ['a', 'b'] } }],
        }),
      ),
    );
    expect(p['xl/worksheets/sheet1.xml']).toContain(
      '<dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="B2:B10">',
    );
    expect(p['xl/worksheets/sheet2.xml']).toContain('sqref="B2:B4"><formula1>"a,b"</formula1>');
  });

  it('writes header notes on every part, cell notes on their own part, protection on each', async () => {
    const p = parts(
      await readAll(
        toXlsx(rows(12), {
          protect: true,
          columns: [{ key: 'id', note: 'Row id' }, 'status'],
          cellNote: (row) => (row.id === 10 ? { status: 'ten' } : undefined),
        }),
      ),
    );
    expect(p['xl/comments1.xml']).toContain('<commentList><comment ref="A1" authorId="0"><text><t>Row id</t></text></comment></commentList>');
    // Row 10 of the source is the second data row of `Sheet1 (2)`: B3.
    expect(p['xl/comments2.xml']).toContain(
      '<comment ref="A1" authorId="0"><text><t>Row id</t></text></comment><comment ref="B3" authorId="0"><text><t>ten</t></text></comment>',
    );
    expect(p['xl/drawings/vmlDrawing2.vml']).toContain('<o:idmap v:ext="edit" data="2"/>');
    for (const sheet of ['sheet1', 'sheet2']) expect(p[`xl/worksheets/${sheet}.xml`]).toContain('<sheetProtection sheet="1" objects="1" scenarios="1"/>');
  });
});
