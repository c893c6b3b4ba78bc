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
});
