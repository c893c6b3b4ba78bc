import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../../../src/index.js';
import { readAll } from '../../../helpers/streams.js';
import { parts } from '../../../helpers/unzip.js';

const sheetOf = async (stream: ReturnType<typeof toXlsx>) => parts(await readAll(stream))['xl/worksheets/sheet1.xml'] as string;
const cell = (xml: string, ref: string) => new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`).exec(xml)?.[0];

describe('links, formulas and styles through toXlsx', () => {
  it('writes url columns as HYPERLINK formulas and other targets as text', async () => {
    const xml = await sheetOf(
      toXlsx(
        [
          { u: 'https://x.org/a' },
          { u: { text: 'X & Y', url: 'mailto:a@x.org' } },
          { u: 'javascript:alert(1)' },
          { u: { text: 'bad', url: 'file:///etc/passwd' } },
          { u: null },
        ],
        { columns: [{ key: 'u', type: 'url' }] },
      ),
    );
    expect(cell(xml, 'A2')).toMatch(/^<c r="A2" s="\d+" t="str"><f>HYPERLINK\("https:\/\/x.org\/a"\)<\/f><v>https:\/\/x.org\/a<\/v><\/c>$/);
    expect(cell(xml, 'A3')).toMatch(/<f>HYPERLINK\("mailto:a@x.org","X &amp; Y"\)<\/f><v>X &amp; Y<\/v>/);
    expect(cell(xml, 'A4')).toBe('<c r="A4" t="inlineStr"><is><t>javascript:alert(1)</t></is></c>');
    expect(cell(xml, 'A5')).toBe('<c r="A5" t="inlineStr"><is><t>bad</t></is></c>');
    expect(cell(xml, 'A6')).toBeUndefined();
  });

  it('fills link templates from the row, URL-encoded', async () => {
    const xml = await sheetOf(toXlsx([{ id: 'a/b c', name: 'Ada' }], { columns: ['id', { key: 'name', link: 'https://x.org/s/{id}' }] }));
    expect(cell(xml, 'B2')).toMatch(/<f>HYPERLINK\("https:\/\/x.org\/s\/a%2Fb%20c","Ada"\)<\/f><v>Ada<\/v>/);
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
