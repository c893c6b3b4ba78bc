import { afterEach, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// Issue 12: a link whose text or URL held a control character or a literal `_x0041_` was written
// with `_xHHHH_` escapes inside its HYPERLINK formula (`"a_x005F_x0041_b"`, `"a_x0001_b"`). Excel
// decodes those in a formula, LibreOffice does not: recalculated there, the link showed
// `a_x005F_x0041_b`. The formula now holds no escape: a control character is `CHAR(n)` and a
// literal is cut after the `_` of each `_xHHHH_` (`"a_"&"x0041_b"`), so every reader shows the text.
afterEach(removeTempDirs);

it('writes link texts with control characters and literal _xHHHH_ that every reader shows alike', async () => {
  const rows = [
    { r: { text: 'Report _x0041_ "one"', url: 'https://school.example/r/_x0042_' } },
    { r: { text: 'Tab\u0001Ctl\rCR', url: 'https://school.example/r/2' } },
    { r: 'https://school.example/a_x0041_b' },
  ];
  // The escapes are a formula's: forced here, as past Excel's 65,530 native links a sheet (#24).
  const options = { columns: [{ key: 'r', type: 'url' as const }], links: 'formula' as const };
  const sheet = parts(await readAll(toXlsx(rows, options)))['xl/worksheets/sheet1.xml'] ?? '';
  const formulas = [...sheet.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]);
  expect(formulas).toEqual([
    'HYPERLINK("https://school.example/r/_"&amp;"x0042_","Report _"&amp;"x0041_ ""one""")',
    'HYPERLINK("https://school.example/r/2","Tab"&amp;CHAR(1)&amp;"Ctl"&amp;CHAR(13)&amp;"CR")',
    'HYPERLINK("https://school.example/a_"&amp;"x0041_b")',
  ]);
  expect(sheet).toContain('<v>Report _x005F_x0041_ "one"</v>'); // the cached value keeps its escapes
  if (!haveTool('soffice')) return;
  const path = await saveTo(tempDir(), 'link-xhhhh.xlsx', toXlsx(rows, options));
  const csv = Object.values(convertWithLibreOffice([path])[path] ?? {})[0] ?? '';
  expect(csv).toBe('r\n"Report _x0041_ ""one"""\n"Tab\u0001Ctl\rCR"\nhttps://school.example/a_x0041_b\n'); // recalculated
});
