// A sheet name holding U+FFFE or U+FFFF (characters XML 1.0 cannot hold at all) was written into
// workbook.xml as it was: the part was not well-formed and no reader could open the file (openpyxl:
// "Char 0xFFFF out of allowed range"), and charts and defined names dropped the character, so they
// pointed at another name. Now the name is repaired like one with a control character: `_` stands
// in for it, with a ROWPORT_SHEET_RENAMED warning, and every reference uses the repaired name (#12).
import { afterEach, describe, expect, it } from 'vitest';
import { type RowportWarning, toWorkbook } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { readWithOpenpyxl, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

const sheets = () => [
  { name: 'Q\uFFFF1', rows: [{ k: 'a', v: 1 }], charts: [{ type: 'column' as const, categories: 'k', series: ['v'] }] },
  { name: '\uFFFE', rows: [{ k: 'b', v: 2 }] },
];

describe('a sheet name with U+FFFE or U+FFFF', () => {
  it('is repaired with _ and a warning, and references use the repaired name', async () => {
    const warnings: RowportWarning[] = [];
    const p = parts(await readAll(toWorkbook(sheets(), { onWarning: (w) => warnings.push(w) })));
    const workbook = p['xl/workbook.xml'] as string;
    expect(workbook).not.toMatch(/[\uFFFE\uFFFF]/);
    expect(workbook).toContain('<sheet name="Q_1"');
    expect(workbook).toContain('<sheet name="_"');
    expect(workbook).toContain('>Q_1!$A$1:$B$2</definedName>');
    expect(p['xl/charts/chart1.xml']).toContain('<c:f>Q_1!$B$2:$B$2</c:f>');
    expect(warnings.map((w) => [w.code, w.sheet])).toEqual([
      ['ROWPORT_SHEET_RENAMED', 'Q_1'],
      ['ROWPORT_SHEET_RENAMED', '_'],
    ]);
  });

  it.runIf(haveTool('openpyxl'))('opens in openpyxl', async () => {
    const path = await saveTo(tempDir(), 'noncharacter.xlsx', toWorkbook(sheets()));
    const book = readWithOpenpyxl([path])[path]!;
    expect(book.error).toBeUndefined();
    expect(book.sheets.map((s) => s.title)).toEqual(['Q_1', '_']);
  });
});
