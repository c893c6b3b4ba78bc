import { afterEach, describe, expect, it } from 'vitest';
import { RowportError, toWorkbook, toXlsx } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// A dropdown list kept on the hidden `Lists` sheet is named `RowportList1`, `RowportList2`, … in
// workbook.xml; a table named so (given as `table.name`, or made from a sheet named `RowportList1`)
// took the same name, which ECMA-376 forbids (§18.5.1.2: a table's name is unique among the
// workbook's tables and defined names) and Excel repairs on open, dropping the dropdown or the table.
// The names are now kept for the lists: given, such a name is refused at the call; made from a
// sheet name, it gets a suffix.
const longList = { list: ['a, b', 'c'] }; // a comma: kept on the hidden sheet, so named RowportList1

describe('a table and the hidden dropdown lists', () => {
  afterEach(removeTempDirs);

  it('refuses a given table name the lists use, at the call', () => {
    for (const name of ['RowportList1', 'rowportlist2']) {
      let error: unknown;
      try {
        toXlsx([{ a: 'x', b: 'y' }], { table: { name }, columns: ['a', { key: 'b', validation: longList }] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RowportError);
      expect((error as RowportError).code).toBe('ROWPORT_INVALID_OPTION');
      expect((error as RowportError).message).toContain('table.name');
    }
  });

  it('gives a table named from its sheet a name no list has', async () => {
    if (!haveTool('openpyxl')) return;
    const path = await saveTo(
      tempDir(),
      'names.xlsx',
      toWorkbook([{ name: 'RowportList1', rows: [{ a: 'x', b: 'y' }], table: true, columns: ['a', { key: 'b', validation: longList }] }]),
    );
    const script =
      'import json,sys,openpyxl\nwb=openpyxl.load_workbook(sys.argv[1])\n' +
      'print(json.dumps({"names":sorted(d.name for d in wb.defined_names.definedName),"tables":sorted(t for ws in wb for t in ws.tables.keys())}))';
    const { names, tables } = python<{ names: string[]; tables: string[] }>(script, null, [path]);
    expect(names).toContain('RowportList1');
    expect(tables).toHaveLength(1);
    const upper = new Set(names.map((n) => n.toUpperCase()));
    for (const table of tables) expect(upper.has(table.toUpperCase())).toBe(false);
  });
});
