// With `table`, a header's leading or trailing tab, line break or space (and U+FEFF, U+2028, NBSP)
// was trimmed off, silently changing the header cell ('\tName' read back as 'Name'), though line
// breaks and tabs are documented to stay in table headers. Only a blank header is renamed (`Column2`).
import { afterEach, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

const headers = ['\tName', 'Score\n', ' spaced ', '\uFEFFbom\u00A0', 'line\u2028', ' \t'];
const columns = headers.map((header, i) => ({ key: `c${i}`, header }));
const rows = [{ c0: 1, c1: 2, c2: 3, c3: 4, c4: 5, c5: 6 }];

describe('table: headers with whitespace at either end', () => {
  afterEach(removeTempDirs);

  it.runIf(haveTool('openpyxl'))('keep their text, in the header cells and the table column names', async () => {
    const path = await saveTo(tempDir(), 'table-edges.xlsx', toXlsx(rows, { columns, table: true }));
    const got = python<{ cells: string[]; names: string[] }>(
      'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1]).active\n' +
        'print(json.dumps({"cells": [c.value for c in ws[1]], "names": [c.name for t in ws.tables.values() for c in t.tableColumns]}))',
      null,
      [path],
    );
    const expected = [...headers.slice(0, 5), 'Column6'];
    expect(got.cells).toEqual(expected);
    expect(got.names).toEqual(expected);
  });
});
