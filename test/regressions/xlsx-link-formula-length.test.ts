import { afterEach, describe, expect, it } from 'vitest';
import { type RowportWarning, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { readWithOpenpyxl, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// Issue 12: a link whose text was thousands of characters long was written as a HYPERLINK
// formula over Excel's 8,192-character limit (Excel refuses to open the file), and a lone
// surrogate in a link's text was replaced without a warning. The text is now written as plain
// text, exactly, with a ROWPORT_LINK_AS_TEXT warning; the surrogate gets ROWPORT_LONE_SURROGATE.
const url = 'https://school.example/reports/1';
const long = `${'Long report title, '.repeat(500)}end`; // 9,503 characters

describe('a link too long for a formula', () => {
  afterEach(removeTempDirs);

  it('is written as its exact text, with a warning naming row and column', async () => {
    const warnings: RowportWarning[] = [];
    const rows = [{ r: { text: 'Short', url } }, { r: { text: long, url } }];
    // A formula's limit: forced here, as past Excel's 65,530 native links a sheet (#24); a native link holds any text.
    const bytes = await readAll(toXlsx(rows, { columns: [{ key: 'r', type: 'url' }], links: 'formula', onWarning: (w) => warnings.push(w) }));
    const sheet = parts(bytes)['xl/worksheets/sheet1.xml'] as string;
    for (const f of sheet.matchAll(/<f>([^<]*)<\/f>/g)) expect((f[1] as string).length).toBeLessThanOrEqual(8_192);
    expect(sheet).toContain('<f>HYPERLINK("https://school.example/reports/1","Short")</f>');
    expect(/<c r="A3"(?: s="\d+")? t="inlineStr"><is><t>([^<]*)<\/t><\/is><\/c>/.exec(sheet)?.[1] === long).toBe(true);
    expect(warnings).toEqual([expect.objectContaining({ code: 'ROWPORT_LINK_AS_TEXT', row: 1, column: 'r' })]);
    if (!haveTool('openpyxl')) return;
    const book = readWithOpenpyxl([await saveTo(tempDir(), 'long-link.xlsx', toXlsx(rows, { columns: [{ key: 'r', type: 'url' }], links: 'formula' }))]);
    const cells = Object.values(book)[0]?.sheets[0]?.rows ?? [];
    expect(cells[2]?.[0]?.v).toBe(long);
  });

  it('is a native link with its whole text when links are native (#24)', async () => {
    const warnings: RowportWarning[] = [];
    const rows = [{ r: { text: long, url } }];
    const p = parts(await readAll(toXlsx(rows, { columns: [{ key: 'r', type: 'url' }], onWarning: (w) => warnings.push(w) })));
    expect(/<c r="A2"(?: s="\d+")? t="inlineStr"><is><t>([^<]*)<\/t><\/is><\/c>/.exec(p['xl/worksheets/sheet1.xml'] ?? '')?.[1] === long).toBe(true);
    expect(p['xl/worksheets/sheet1.xml']).toContain('<hyperlinks><hyperlink ref="A2" r:id="rId1"/></hyperlinks>');
    expect(p['xl/worksheets/_rels/sheet1.xml.rels']).toContain(`Target="${url}" TargetMode="External"`);
    expect(warnings).toEqual([]);
  });

  it('warns about a lone surrogate in a link text', async () => {
    for (const links of ['formula', 'auto'] as const) {
      const warnings: RowportWarning[] = [];
      const bytes = await readAll(
        toXlsx([{ r: { text: 'a\uD800', url } }], { columns: [{ key: 'r', type: 'url' }], links, onWarning: (w) => warnings.push(w) }),
      );
      const sheet = parts(bytes)['xl/worksheets/sheet1.xml'];
      expect(sheet).toContain(links === 'formula' ? 'HYPERLINK("https://school.example/reports/1","a\uFFFD")' : '<t>a\uFFFD</t>');
      expect(warnings.map((w) => [w.code, w.row, w.column])).toEqual([['ROWPORT_LONE_SURROGATE', 0, 'r']]);
    }
  });

  it('warns when a link template makes a target rowport does not write', async () => {
    const warnings: RowportWarning[] = [];
    const rows = [{ id: 'x'.repeat(2_100), name: 'Ann' }];
    const bytes = await readAll(toXlsx(rows, { columns: [{ key: 'name', link: 'https://x.org/{id}' }], onWarning: (w) => warnings.push(w) }));
    expect(parts(bytes)['xl/worksheets/sheet1.xml']).toContain('<c r="A2" t="inlineStr"><is><t>Ann</t></is></c>');
    expect(warnings.map((w) => [w.code, w.row, w.column])).toEqual([['ROWPORT_LINK_AS_TEXT', 0, 'name']]);
  });
});
