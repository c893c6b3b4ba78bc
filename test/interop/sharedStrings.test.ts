import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RowportWarning, toWorkbook } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { rawParts } from '../helpers/unzip.js';
import { convertWithLibreOffice, readWithOpenpyxl, removeTempDirs, saveTo, tempDir, values } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

// Texts with every rule a cell's text follows; the table holds 4 strings, so the later ones are inline.
const LONG = 'y'.repeat(40_000);
const TEXTS = ['Ann', '  padded  ', 'a & <b> "q"', '_x0041_ literal', 'tab\there', 'ctrl\u0001x', 'lone \ud800 surrogate', 'emoji 😀', LONG];
const expected = (text: string) => (text === LONG ? 'y'.repeat(32_767) : text.replace('\ud800', '\ufffd'));

function book(warnings: RowportWarning[]) {
  const first = TEXTS.map((t, i) => ({ id: i, text: t, again: TEXTS[0] }));
  const second = TEXTS.map((_, i) => ({ id: i, text: TEXTS[TEXTS.length - 1 - i] as string }));
  return toWorkbook(
    [
      { name: 'One', rows: first },
      { name: 'Two', rows: second, header: false },
    ],
    { sharedStrings: { maxStrings: 4 }, onWarning: (w) => warnings.push(w) },
  );
}

describe('a bounded shared-string table', () => {
  let bytes: Buffer;
  const warnings: RowportWarning[] = [];
  beforeAll(async () => {
    bytes = await readAll(book(warnings));
  });

  it('holds the first strings up to its bound, one table for every sheet, the rest inline', () => {
    const p = rawParts(bytes);
    const sst = p['xl/sharedStrings.xml'] as string;
    const shared = [p['xl/worksheets/sheet1.xml'], p['xl/worksheets/sheet2.xml']].join('').match(/ t="s">/g)?.length;
    expect(sst).toContain(`count="${shared}" uniqueCount="4"`);
    expect([...sst.matchAll(/<si>(.*?)<\/si>/g)].map((m) => m[1])).toEqual([
      '<t>Ann</t>',
      '<t xml:space="preserve">  padded  </t>',
      '<t>a &amp; &lt;b&gt; "q"</t>',
      '<t>_x005F_x0041_ literal</t>',
    ]);
    expect(p['xl/worksheets/sheet1.xml']).toContain('t="inlineStr"><is><t>tab\there</t></is>');
    expect(p['xl/worksheets/sheet1.xml']).toContain('<row r="1"><c r="A1" s="1" t="inlineStr"><is><t>id</t></is></c>'); // headers stay inline
    expect(p['[Content_Types].xml']).toContain(
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
    );
    expect(p['xl/_rels/workbook.xml.rels']).toMatch(
      /Type="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships\/sharedStrings" Target="sharedStrings\.xml"/,
    );
  });

  it('warns for repaired and cut text as inline strings do', () => {
    expect(warnings.map((w) => `${w.sheet} ${w.code} ${w.row}`).sort()).toEqual(
      ['One ROWPORT_LONE_SURROGATE 6', 'One ROWPORT_TEXT_TRUNCATED 8', 'Two ROWPORT_LONE_SURROGATE 2', 'Two ROWPORT_TEXT_TRUNCATED 0'].sort(),
    );
  });

  it.runIf(haveTool('openpyxl'))('reads back with openpyxl as the same text', async () => {
    const path = await saveTo(tempDir(), 'shared.xlsx', book([]));
    const read = readWithOpenpyxl([path])[path];
    expect(read?.error).toBeUndefined();
    const [one, two] = read?.sheets ?? [];
    expect(values(one as never)).toEqual([['id', 'text', 'again'], ...TEXTS.map((t, i) => [i, expected(t), 'Ann'])]);
    expect(values(two as never)).toEqual(TEXTS.map((_, i) => [i, expected(TEXTS[TEXTS.length - 1 - i] as string)]));
  });

  it.runIf(haveTool('soffice'))(
    'reads back with LibreOffice as the same text',
    async () => {
      const path = await saveTo(tempDir(), 'sharedlo.xlsx', book([]));
      const csv = convertWithLibreOffice([path])[path] ?? {};
      const one = parse(csv.One ?? '', { relax_column_count: true }) as string[][];
      const two = parse(csv.Two ?? '', { relax_column_count: true }) as string[][];
      expect(one).toEqual([['id', 'text', 'again'], ...TEXTS.map((t, i) => [String(i), expected(t), 'Ann'])]);
      expect(two).toEqual(TEXTS.map((_, i) => [String(i), expected(TEXTS[TEXTS.length - 1 - i] as string)]));
    },
    300_000,
  );
});
