// A sheet name made by a repair took the name a later sheet was given as it is: in
// `[{ name: '' }, { name: 'Sheet1' }]` the blank sheet was written as `Sheet1` and the sheet named
// `Sheet1` as `Sheet1 (2)`, with a ROWPORT_SHEET_RENAMED warning, so a reader opening `Sheet1`
// (pandas' sheet_name, a formula, a macro) got the other sheet's rows. The same for a cut long name
// (`x` × 32 took a later `x` × 31), a replaced character (`Q1/Q2` took `Q1_Q2`) and `History`
// (written `History_`). A valid name given once is now kept; the repaired ones are made unique around it.
import { afterEach, describe, expect, it } from 'vitest';
import { type RowportWarning, toWorkbook } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

/** Each sheet's name and its first data cell, as openpyxl reads them. */
function sheetsRead(path: string): [string, unknown][] {
  const script =
    'import json, sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nprint(json.dumps([[ws.title, ws["A2"].value] for ws in wb.worksheets]))';
  return python<[string, unknown][]>(script, null, [path]);
}

describe('a sheet name given as it is', () => {
  it.each([
    ['a blank name', '', 'Sheet1'],
    ['a cut name', 'x'.repeat(32), 'x'.repeat(31)],
    ['a replaced character', 'Q1/Q2', 'Q1_Q2'],
    ['History', 'History', 'History_'],
  ])('is kept when an earlier sheet is repaired to it (%s)', async (_what, repaired, given) => {
    if (!haveTool('openpyxl')) return;
    const warnings: RowportWarning[] = [];
    const sheets = [
      { name: repaired, rows: [{ who: 'repaired' }] },
      { name: given, rows: [{ who: 'given' }] },
    ];
    const path = await saveTo(tempDir(), 'names.xlsx', toWorkbook(sheets, { onWarning: (w) => warnings.push(w) }));
    const read = sheetsRead(path);
    expect(read[1]).toEqual([given, 'given']);
    expect(read[0]?.[1]).toBe('repaired');
    expect(read[0]?.[0]).not.toBe(given);
    expect(warnings.map((w) => [w.code, w.sheet])).toEqual([['ROWPORT_SHEET_RENAMED', read[0]?.[0]]]);
  });

  it('still loses to the same name given earlier, without case', async () => {
    if (!haveTool('openpyxl')) return;
    const path = await saveTo(
      tempDir(),
      'twice.xlsx',
      toWorkbook([
        { name: 'Data', rows: [{ who: 'first' }] },
        { name: '', rows: [{ who: 'blank' }] },
        { name: 'DATA', rows: [{ who: 'second' }] },
        { name: 'Sheet2', rows: [{ who: 'named' }] },
      ]),
    );
    expect(sheetsRead(path)).toEqual([
      ['Data', 'first'],
      ['Sheet2 (2)', 'blank'],
      ['DATA (2)', 'second'],
      ['Sheet2', 'named'],
    ]);
  });
});
