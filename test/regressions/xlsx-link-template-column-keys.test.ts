// A link template's `{key}` naming a column was filled from the raw row, not from the column: a
// computed column (`value`) or a named column of array rows gave '' and every cell linked to the
// bare URL, with no warning. And a row whose URL could not be a link (a null `{host}`) wrote the
// column's number as text, where the other rows held numbers.
import { expect, it } from 'vitest';
import { type RowportWarning, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

const rels = async (stream: ReturnType<typeof toXlsx>) => parts(await readAll(stream))['xl/worksheets/_rels/sheet1.xml.rels'] ?? '';

it('fills {key} from a computed column', async () => {
  const columns = [
    { key: 'slug', value: (r: { name: string }) => r.name.toLowerCase().replace(' ', '-') },
    { key: 'name', link: 'https://x.example/u/{slug}' },
  ];
  expect(await rels(toXlsx([{ name: 'Ada Lovelace' }], { columns }))).toContain('Target="https://x.example/u/ada-lovelace"');
});

it('fills {key} from a named column of array rows', async () => {
  expect(await rels(toXlsx([[7, 'Ada']], { columns: ['id', { key: 'name', link: 'https://x.example/s/{id}' }] }))).toContain('Target="https://x.example/s/7"');
});

it('a dot path that names no column still reads the row', async () => {
  expect(await rels(toXlsx([{ a: { b: 5 }, n: 'x' }], { columns: [{ key: 'n', link: 'https://x.example/{a.b}' }] }))).toContain('Target="https://x.example/5"');
});

it('a number whose URL cannot be a link stays a number', async () => {
  const warnings: RowportWarning[] = [];
  const rows = [
    { n: 41, host: 'x.example' },
    { n: 42, host: null },
  ];
  const bytes = await readAll(toXlsx(rows, { columns: [{ key: 'n', link: 'https://{host}/p' }, 'host'], onWarning: (w) => warnings.push(w) }));
  const sheet = parts(bytes)['xl/worksheets/sheet1.xml'] ?? '';
  expect(sheet).toMatch(/<c r="A3"(?: s="\d+")?><v>42<\/v><\/c>/);
  expect(warnings).toEqual([expect.objectContaining({ code: 'ROWPORT_LINK_AS_TEXT', row: 1 })]);
});
