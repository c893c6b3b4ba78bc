import { afterEach, describe, expect, it } from 'vitest';
import { type RowportWarning, toWorkbook } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// Sheet names are made unique without case, but the fold (upper case, then lower case) took 'ẞ'
// (U+1E9E, capital sharp s) to 'ß' and 'ß' to 'ss', so 'ẞ' and 'ß' were written as two sheets.
// LibreOffice takes them for one name: it renamed the second sheet on open ('ß -1'), and that
// sheet's chart, print titles and filter, which refer to 'ß', went to the first sheet (the chart
// plotted the other sheet's numbers). They are now one name, and the second is renamed as
// 'Data' and 'DATA' are.
const sheetNames = (xlsx: Buffer): string[] => [...(parts(xlsx)['xl/workbook.xml'] ?? '').matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1] as string);

describe("sheet names 'ẞ' and 'ß'", () => {
  afterEach(removeTempDirs);

  const sheets = () => [
    { name: 'ẞ', rows: [{ c: 'x', v: 1 }] },
    { name: 'ß', rows: [{ c: 'y', v: 2 }] },
  ];

  it('are one name: the second is renamed, with a warning', async () => {
    const warnings: RowportWarning[] = [];
    const xlsx = await readAll(toWorkbook(sheets(), { onWarning: (w) => warnings.push(w) }));
    expect(sheetNames(xlsx)).toEqual(['ẞ', 'ß (2)']);
    expect(warnings.map((w) => w.code)).toEqual(['ROWPORT_SHEET_RENAMED']);
  });

  it('are read back by LibreOffice as written, each with its own rows', async () => {
    if (!haveTool('soffice')) return;
    const path = await saveTo(tempDir(), 'sharp.xlsx', toWorkbook(sheets()));
    const written = sheetNames(await readAll(toWorkbook(sheets())));
    const csv = convertWithLibreOffice([path])[path] ?? {};
    expect(Object.keys(csv).sort()).toEqual([...written].sort());
    expect(csv[written[1] as string]).toBe('c,v\ny,2\n');
  });
});
