// A `url` column's empty link (`{ url: '' }`, `{ text: '', url: '' }`) writes no cell, as '' does,
// but the totals row counted it: the cached `count` said 3 where Excel's SUBTOTAL(103,…) over the
// cells as written says 2. The totals now skip the values whose cell is not written.
import { expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { unzip } from '../helpers/unzip.js';

const rows = [
  { u: { text: '', url: '' }, n: 1 },
  { u: 'https://x.org', n: 2 },
  { u: { text: '', url: 'https://x.org/e' }, n: 3 },
  { u: { url: '' }, n: 4 },
];

async function sheet(stream: ReturnType<typeof toXlsx>): Promise<string> {
  const part = unzip(await readAll(stream)).find((e) => e.name === 'xl/worksheets/sheet1.xml');
  return part?.data.toString('utf8') ?? '';
}

it.each([
  ['native links', {}],
  ['formula links', { links: 'formula' as const }],
])('the cached count of a url column counts the cells written (%s)', async (_, links) => {
  const xml = await sheet(toXlsx(rows, { columns: [{ key: 'u', type: 'url' }, 'n'], table: { totals: { u: 'count', n: 'sum' } }, ...links }));
  expect(xml).not.toMatch(/<c r="A2"/);
  expect(xml).not.toMatch(/<c r="A5"/);
  expect(xml).toMatch(/<c r="A3"/);
  expect(xml).toMatch(/<c r="A4"/);
  expect(xml).toMatch(/<c r="A6"[^>]*><f>SUBTOTAL\(103,A2:A5\)<\/f><v>2<\/v>/);
  expect(xml).toMatch(/<c r="B6"[^>]*><f>SUBTOTAL\(109,B2:B5\)<\/f><v>10<\/v>/);
});

it('does so on a sheet of a workbook too', async () => {
  const xml = await sheet(toWorkbook([{ name: 'S', rows, columns: [{ key: 'u', type: 'url' }], table: { totals: { u: 'count' } } }]));
  expect(xml).toMatch(/<f>SUBTOTAL\(103,A2:A5\)<\/f><v>2<\/v>/);
});
