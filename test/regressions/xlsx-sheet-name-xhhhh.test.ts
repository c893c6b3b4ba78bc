// A sheet name holding a literal `_xHHHH_` (`a_x0041_b`) was written as it was. The sheet name in
// workbook.xml is an ST_Xstring, which Excel and LibreOffice read with `_xHHHH_` decoded: the sheet
// came out named `aAb`, while the autofilter and print-titles names and the chart series still said
// `a_x0041_b!…` and pointed at no sheet (LibreOffice dropped the chart's data). Writing the name
// escaped (`_x005F_`) cannot help every reader, since LibreOffice reads the defined names without
// decoding while Excel decodes them. So the name is repaired, as names with forbidden characters
// are: the `_` that opens such a sequence becomes `-` (`a-x0041_b`), with ROWPORT_SHEET_RENAMED,
// and every reader sees one name that every reference matches (#12).
import { afterEach, describe, expect, it } from 'vitest';
import { type RowportWarning, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { convertWithLibreOffice, readWithOpenpyxl, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

const book = (onWarning?: (w: RowportWarning) => void) =>
  toWorkbook(
    [
      {
        name: 'a_x0041_b',
        rows: [
          { k: 'x', v: 1 },
          { k: 'y', v: 2 },
        ],
        charts: [{ type: 'column', categories: 'k', series: ['v'] }],
      },
      { name: '\u0000x0042_', rows: [{ k: 'z', v: 3 }] }, // the `_` standing in for the NUL would open `_x0042_`
    ],
    onWarning ? { onWarning } : {},
  );

describe('a sheet name holding a literal _xHHHH_', () => {
  it('is repaired so that no reader decodes it, with a warning, and references use the repaired name', async () => {
    const warnings: RowportWarning[] = [];
    const p = parts(await readAll(book((w) => warnings.push(w))));
    expect(p['xl/workbook.xml']).toContain('<sheet name="a-x0041_b"');
    expect(p['xl/workbook.xml']).toContain('<sheet name="-x0042_"');
    expect(p['xl/workbook.xml']).toContain(">'a-x0041_b'!$1:$1</definedName>");
    expect(p['xl/charts/chart1.xml']).toContain("<c:f>'a-x0041_b'!$B$2:$B$3</c:f>");
    expect(warnings.map((w) => [w.code, w.sheet])).toEqual([
      ['ROWPORT_SHEET_RENAMED', 'a-x0041_b'],
      ['ROWPORT_SHEET_RENAMED', '-x0042_'],
    ]);
  });

  it('keeps a name with an underscore that opens no escape', async () => {
    const p = parts(await readAll(toXlsx([{ a: 1 }], { sheetName: 'a_x004_ b_xZZZZ_ c_x0041' })));
    expect(p['xl/workbook.xml']).toContain('<sheet name="a_x004_ b_xZZZZ_ c_x0041"');
  });

  it.runIf(haveTool('openpyxl') && haveTool('soffice'))('reads back under the written name in openpyxl and LibreOffice', async () => {
    const path = await saveTo(tempDir(), 'xhhhh-sheet.xlsx', book());
    expect(readWithOpenpyxl([path])[path]!.sheets.map((s) => s.title)).toEqual(['a-x0041_b', '-x0042_']);
    expect(Object.keys(convertWithLibreOffice([path])[path]!).sort()).toEqual(['-x0042_', 'a-x0041_b']);
  });
});
