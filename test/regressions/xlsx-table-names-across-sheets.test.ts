// A table name given on two sheets (`Scores`, `SCORES`: Excel compares names without case) was
// renamed on the second to `SCORES_2` without a word, and a name given on a later sheet lost to the
// name an earlier sheet's table was made from its sheet name: a formula written against the given
// name then read another sheet's table. A name given twice is now ROWPORT_INVALID_OPTION at the call,
// and a given name is kept for its table, the made ones around it.
import { afterAll, describe, expect, it } from 'vitest';
import { RowportError, toWorkbook } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterAll(removeTempDirs);

const rows = [{ a: 1 }];

describe('table names across the sheets of a workbook', () => {
  it('refuses a name given on two sheets, at the call', () => {
    let error: unknown;
    try {
      toWorkbook([
        { name: 'A', rows, table: { name: 'Scores' } },
        { name: 'B', rows, table: { name: 'SCORES' } },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RowportError);
    expect((error as RowportError).code).toBe('ROWPORT_INVALID_OPTION');
    expect((error as RowportError).message).toContain('sheets[1].table.name');
  });

  it.runIf(haveTool('openpyxl'))('keeps a given name for its table when an earlier sheet would make it (openpyxl)', async () => {
    const path = await saveTo(
      tempDir(),
      'names.xlsx',
      toWorkbook([
        { name: 'Scores', rows, table: true },
        { name: 'Other', rows, table: { name: 'Scores' } },
      ]),
    );
    const PY =
      'import json, sys, openpyxl\nwb = openpyxl.load_workbook(json.load(sys.stdin))\njson.dump([list(ws.tables.keys()) for ws in wb.worksheets], sys.stdout)';
    expect(python(PY, path)).toEqual([['Scores_2'], ['Scores']]);
  });
});
