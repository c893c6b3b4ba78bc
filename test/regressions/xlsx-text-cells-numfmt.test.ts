// A column's own `numFmt` was left off its text cells: `{ type: 'string', numFmt: '@' }` gave General
// cells, so a value typed into the column later (`00123`) became a number. Text (and boolean) cells
// now carry the column's explicit format, as its number and date cells do.
import { afterAll, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterAll(removeTempDirs);

const PY = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(json.load(sys.stdin)).worksheets[0]
json.dump([[c.value, c.number_format] for c in next(ws.iter_rows(min_row=2, max_row=2))], sys.stdout)
`;

describe.runIf(haveTool('openpyxl'))('the numFmt of a text column', () => {
  it('is on its text cells (openpyxl)', async () => {
    const columns = [
      { key: 'zip', type: 'string' as const, numFmt: '@' },
      { key: 'code', numFmt: '@' },
      { key: 'plain', type: 'string' as const },
    ];
    const path = await saveTo(tempDir(), 'text.xlsx', toXlsx([{ zip: '00123', code: 'A-1', plain: 'x' }], { columns, wrapText: true }));
    expect(python(PY, path)).toEqual([
      ['00123', '@'],
      ['A-1', '@'],
      ['x', 'General'],
    ]);
  });
});
