import { afterEach, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// Issue 12: a table column name is an ST_Xstring attribute, which Excel reads with `_xHHHH_`
// decoded, but it was written raw: a header holding a literal `_x0041_` was named `A` in the table
// while its header cell said `_x0041_` (Excel repairs such a table on open). Line breaks and tabs
// in headers were turned into spaces, changing the header text; Excel keeps them in table names
// (`Line_x000A_Two`), and so does rowport now.
const headers = ['Line\nTwo', 'x_x0041_y', 'Tab\there', 'Plain'];
const columns = headers.map((header, i) => ({ key: `c${i}`, header }));
const rows = [{ c0: 1, c1: 2, c2: 3, c3: 4 }];

describe('table column names with escapes', () => {
  afterEach(removeTempDirs);

  it('are written so that they read back as the header texts', async () => {
    const p = parts(await readAll(toXlsx(rows, { columns, table: { totals: { c3: 'x_x0042_' } } })));
    expect(p['xl/tables/table1.xml']).toContain(
      '<tableColumn id="1" name="Line_x000A_Two"/><tableColumn id="2" name="x_x005F_x0041_y"/><tableColumn id="3" name="Tab_x0009_here"/><tableColumn id="4" name="Plain" totalsRowLabel="x_x005F_x0042_"/>',
    );
    expect(p['xl/worksheets/sheet1.xml']).toContain('<t>Line\nTwo</t>');
  });

  it('read back as the header texts in openpyxl and LibreOffice', async () => {
    if (!haveTool('openpyxl') || !haveTool('soffice')) return;
    const path = await saveTo(tempDir(), 'table-names.xlsx', toXlsx(rows, { columns, table: true }));
    const names = python<string[]>(
      'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1]).active\nprint(json.dumps([c.name for t in ws.tables.values() for c in t.tableColumns]))',
      null,
      [path],
    );
    expect(names).toEqual(headers);
    const csv = convertWithLibreOffice([path])[path]?.Sheet1;
    expect(csv?.split('\n').slice(0, 2).join('\n')).toBe('"Line\nTwo",x_x0041_y,Tab\there,Plain');
  });
});
