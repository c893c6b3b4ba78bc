import { afterEach, describe, expect, it } from 'vitest';
import { type RowportWarning, toXlsx } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// A note's text was repaired without a word: a `cellNote` text past 32,767 characters was cut,
// and a lone surrogate in a note (a header `note` or a `cellNote`) became U+FFFD, where the same
// repairs of a cell's text give ROWPORT_TEXT_TRUNCATED and ROWPORT_LONE_SURROGATE. A note's text
// now gets the same warnings, naming its row and column.
describe("repairs of a note's text", () => {
  afterEach(removeTempDirs);

  const long = 'y'.repeat(40_000);
  const options = (warnings: RowportWarning[]) => ({
    columns: [{ key: 'a', note: 'head\uD800' }, 'b'],
    cellNote: () => ({ a: long, b: 'lone\uDC00' }),
    onWarning: (w: RowportWarning) => warnings.push(w),
  });

  it('are warnings naming the row and column, and the notes read back repaired', async () => {
    const warnings: RowportWarning[] = [];
    const path = await saveTo(tempDir(), 'notes.xlsx', toXlsx([{ a: 'x', b: 1 }], options(warnings)));
    expect(warnings.map((w) => [w.code, w.row, w.column])).toEqual([
      ['ROWPORT_LONE_SURROGATE', undefined, 'a'],
      ['ROWPORT_TEXT_TRUNCATED', 0, 'a'],
      ['ROWPORT_LONE_SURROGATE', 0, 'b'],
    ]);
    if (!haveTool('openpyxl')) return;
    const script =
      'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1]).active\n' +
      'print(json.dumps([ws[c].comment.text if ws[c].comment else None for c in ("A1","A2","B2")]))';
    expect(python<(string | null)[]>(script, null, [path])).toEqual(['head\uFFFD', long.slice(0, 32_767), 'lone\uFFFD']);
  });
});
