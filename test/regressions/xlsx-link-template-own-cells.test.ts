// In a `link` template column that is not `string`, a boolean became the text "true" and NaN or
// Infinity the text "NaN"/"Infinity", where the column's plain cells write a boolean and #NUM!; and a
// date outside Excel's range lost its link with no word of it. Such a value now keeps its own cell;
// with a native hyperlink while the sheet takes them, else (`links: 'formula'`) without the link
// and with a ROWPORT_LINK_AS_TEXT warning.
import { afterAll, describe, expect, it } from 'vitest';
import { type RowportWarning, toXlsx } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterAll(removeTempDirs);

const PY = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(json.load(sys.stdin)).worksheets[0]
row = next(ws.iter_rows(min_row=2, max_row=2))
json.dump([[c.value if c.data_type != 'd' else 'date', c.data_type, c.hyperlink.target if c.hyperlink is not None else None] for c in row[1:]], sys.stdout)
`;
const rows = [{ id: 7, ok: true, n: Number.NaN, d: new Date(Date.UTC(1800, 0, 2)) }];
const link = 'https://e.com/{id}';
const columns = ['id', { key: 'ok', link }, { key: 'n', type: 'decimal' as const, link }, { key: 'd', type: 'date' as const, link }];

describe.runIf(haveTool('openpyxl'))('values of a link template column that keep their own cell', () => {
  it('with native links: the boolean, #NUM! and the date text, each with its hyperlink', async () => {
    const warnings: RowportWarning[] = [];
    const path = await saveTo(tempDir(), 'native.xlsx', toXlsx(rows, { columns, onWarning: (w) => warnings.push(w) }));
    expect(python(PY, path)).toEqual([
      [true, 'b', 'https://e.com/7'],
      ['#NUM!', 'e', 'https://e.com/7'],
      ['1800-01-02', 's', 'https://e.com/7'],
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['ROWPORT_DATE_AS_TEXT']);
  });

  it("with links: 'formula': the same cells without a link, each with a warning", async () => {
    const warnings: RowportWarning[] = [];
    const path = await saveTo(tempDir(), 'formula.xlsx', toXlsx(rows, { columns, links: 'formula', onWarning: (w) => warnings.push(w) }));
    expect(python(PY, path)).toEqual([
      [true, 'b', null],
      ['#NUM!', 'e', null],
      ['1800-01-02', 's', null],
    ]);
    expect(warnings.filter((w) => w.code === 'ROWPORT_LINK_AS_TEXT').map((w) => w.column)).toEqual(['ok', 'n', 'd']);
  });
});
