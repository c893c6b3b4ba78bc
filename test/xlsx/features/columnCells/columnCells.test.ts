import { describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../../../src/index.js';
import { readAll } from '../../../helpers/streams.js';
import { parts } from '../../../helpers/unzip.js';

const sheetOf = async (stream: ReturnType<typeof toXlsx>) => parts(await readAll(stream))['xl/worksheets/sheet1.xml'] as string;
const cell = (xml: string, ref: string) => new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`).exec(xml)?.[0];

describe('links, formulas and styles through toXlsx', () => {
  const urls = [
    { u: 'https://x.org/a' },
    { u: { text: 'X & Y', url: 'mailto:a@x.org' } },
    { u: 'javascript:alert(1)' },
    { u: { text: 'bad', url: 'file:///etc/passwd' } },
    { u: null },
    { u: { text: 'Q', url: 'https://x.org/?a=1&b="2"' } },
  ];

  it('writes url columns as native hyperlinks over inline text, other targets as text', async () => {
    const p = parts(await readAll(toXlsx(urls, { columns: [{ key: 'u', type: 'url' }] })));
    const xml = p['xl/worksheets/sheet1.xml'] as string;
    expect(cell(xml, 'A2')).toMatch(/^<c r="A2" s="\d+" t="inlineStr"><is><t>https:\/\/x.org\/a<\/t><\/is><\/c>$/);
    expect(cell(xml, 'A3')).toMatch(/^<c r="A3" s="\d+" t="inlineStr"><is><t>X &amp; Y<\/t><\/is><\/c>$/);
    expect(cell(xml, 'A4')).toBe('<c r="A4" t="inlineStr"><is><t>javascript:alert(1)</t></is></c>');
    expect(cell(xml, 'A5')).toBe('<c r="A5" t="inlineStr"><is><t>bad</t></is></c>');
    expect(cell(xml, 'A6')).toBeUndefined();
    expect(xml).toContain('<hyperlinks><hyperlink ref="A2" r:id="rId1"/><hyperlink ref="A3" r:id="rId2"/><hyperlink ref="A7" r:id="rId3"/></hyperlinks>');
    expect(xml).not.toContain('<f>');
    const rel = (id: number, target: string) =>
      `<Relationship Id="rId${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${target}" TargetMode="External"/>`;
    expect(p['xl/worksheets/_rels/sheet1.xml.rels']).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `${rel(1, 'https://x.org/a')}${rel(2, 'mailto:a@x.org')}${rel(3, 'https://x.org/?a=1&#38;b=&#34;2&#34;')}</Relationships>`,
    );
  });

  it("writes HYPERLINK formulas with their text cached with links: 'formula'", async () => {
    const p = parts(await readAll(toXlsx(urls, { columns: [{ key: 'u', type: 'url' }], links: 'formula' })));
    const xml = p['xl/worksheets/sheet1.xml'] as string;
    expect(cell(xml, 'A2')).toMatch(/^<c r="A2" s="\d+" t="str"><f>HYPERLINK\("https:\/\/x.org\/a"\)<\/f><v>https:\/\/x.org\/a<\/v><\/c>$/);
    expect(cell(xml, 'A3')).toMatch(/<f>HYPERLINK\("mailto:a@x.org","X &amp; Y"\)<\/f><v>X &amp; Y<\/v>/);
    expect(cell(xml, 'A4')).toBe('<c r="A4" t="inlineStr"><is><t>javascript:alert(1)</t></is></c>');
    expect(xml).not.toContain('<hyperlinks>');
    expect(p['xl/worksheets/_rels/sheet1.xml.rels']).toBeUndefined();
  });

  it('fills link templates from the row, URL-encoded; numbers and dates stay numbers and dates', async () => {
    const rows = [{ id: 'a/b c', name: 'Ada', n: 7, day: new Date(Date.UTC(2024, 0, 5)) }];
    const columns = [
      'id',
      { key: 'name', link: 'https://x.org/s/{id}' },
      { key: 'n', type: 'integer' as const, link: 'https://x.org/n/{n}' },
      { key: 'day', type: 'date' as const, link: 'https://x.org/d/{day}' },
    ];
    const p = parts(await readAll(toXlsx(rows, { columns })));
    const xml = p['xl/worksheets/sheet1.xml'] as string;
    expect(cell(xml, 'B2')).toMatch(/^<c r="B2" s="\d+" t="inlineStr"><is><t>Ada<\/t><\/is><\/c>$/);
    expect(cell(xml, 'C2')).toMatch(/^<c r="C2" s="\d+"><v>7<\/v><\/c>$/);
    expect(cell(xml, 'D2')).toMatch(/^<c r="D2" s="\d+"><v>45296<\/v><\/c>$/);
    expect(xml).toContain('<hyperlink ref="B2" r:id="rId1"/><hyperlink ref="C2" r:id="rId2"/><hyperlink ref="D2" r:id="rId3"/>');
    const rels = p['xl/worksheets/_rels/sheet1.xml.rels'] as string;
    expect([...rels.matchAll(/Target="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://x.org/s/a%2Fb%20c', 'https://x.org/n/7', 'https://x.org/d/2024-01-05']);
    const formulas = await sheetOf(toXlsx(rows, { columns, links: 'formula' }));
    expect(cell(formulas, 'B2')).toMatch(/<f>HYPERLINK\("https:\/\/x.org\/s\/a%2Fb%20c","Ada"\)<\/f><v>Ada<\/v>/);
  });

  it('numbers the links after a table on the same sheet, whose relationship comes first', async () => {
    const p = parts(await readAll(toXlsx([{ u: 'https://x.org/a' }, { u: 'https://x.org/b' }], { columns: [{ key: 'u', type: 'url' }], table: true })));
    const rels = p['xl/worksheets/_rels/sheet1.xml.rels'] as string;
    expect([...rels.matchAll(/Id="(rId\d+)"[^>]*Target="([^"]*)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['rId1', '../tables/table1.xml'],
      ['rId2', 'https://x.org/a'],
      ['rId3', 'https://x.org/b'],
    ]);
    expect(p['xl/worksheets/sheet1.xml']).toContain('<hyperlinks><hyperlink ref="A2" r:id="rId2"/><hyperlink ref="A3" r:id="rId3"/></hyperlinks><pageMargins');
    expect(p['xl/worksheets/sheet1.xml']).toContain('<tableParts count="1"><tablePart r:id="rId1"/></tableParts>');
  });

  it('refuses a links option other than auto or formula, naming the sheet', async () => {
    expect(() => toXlsx([], { links: 'native' as never })).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('links') }),
    );
    expect(() =>
      toWorkbook([
        { name: 'A', rows: [] },
        { name: 'B', rows: [], links: 'Formula' as never },
      ]),
    ).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('sheets[1].links') }));
  });

  it('writes formulas with their cached values; text that looks like a formula stays text', async () => {
    const xml = await sheetOf(
      toXlsx([{ a: 2, b: 4, note: '=SUM(A1:A2)' }], {
        columns: [
          'a',
          'b',
          'note',
          { key: 'r', type: 'decimal', formula: 'A{r}/B{r}', value: (row) => row.a / row.b },
          { key: 'f', formula: (row, r) => `A${r}*${row.b}` },
        ],
      }),
    );
    expect(cell(xml, 'C2')).toBe('<c r="C2" t="inlineStr"><is><t>=SUM(A1:A2)</t></is></c>');
    expect(cell(xml, 'D2')).toMatch(/^<c r="D2" s="\d+"><f>A2\/B2<\/f><v>0.5<\/v><\/c>$/);
    expect(cell(xml, 'E2')).toBe('<c r="E2"><f>A2*4</f></c>');
  });

  it('interns styles: one format per look, a row style laid over the column style', async () => {
    const LOW = { fill: 'FFC7CE' };
    const rows = Array.from({ length: 6 }, (_, i) => ({ n: i, s: i * 10 }));
    const p = parts(
      await readAll(
        toXlsx(rows, {
          columns: [
            { key: 'n', style: { bold: true } },
            { key: 's', type: 'decimal' },
          ],
          rowStyle: (row) => (row.n % 2 ? LOW : { ...LOW }),
        }),
      ),
    );
    const xml = p['xl/worksheets/sheet1.xml'] as string;
    const styleOf = (ref: string) => /s="(\d+)"/.exec(cell(xml, ref) ?? '')?.[1];
    expect(new Set(['A2', 'A3', 'A4', 'A5', 'A6', 'A7'].map(styleOf)).size).toBe(1); // every row the same look
    expect(styleOf('A2')).not.toBe(styleOf('B2'));
    const styles = p['xl/styles.xml'] as string;
    expect(styles.match(/<fill>/g)?.length).toBe(4); // none, gray125, the header's blue, FFC7CE once
    expect(styles).toContain('<cellXfs count="4">'); // default, header; per column the one format its cells use, in the one row look
  });

  it('reports a row style that is not a style with its row', async () => {
    await expect(readAll(toXlsx([{ a: 1 }, { a: 2 }], { rowStyle: (row) => (row.a === 2 ? ({ fill: 'nope' } as never) : undefined) }))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_VALUE',
      row: 1,
    });
  });
});
