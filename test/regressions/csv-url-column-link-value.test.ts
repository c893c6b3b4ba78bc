// A `{ text, url }` value in a `url` column, which XLSX writes as a link, came out of toCsv as JSON
// text. CSV holds no links: it writes the URL (#12).
import { expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readText } from '../helpers/streams.js';

it('toCsv writes the URL of a { text, url } value in a url column', async () => {
  const rows = [{ name: { text: 'Ada', url: 'https://school.example/students/1' } }, { name: 'https://example.org/x' }, { name: null }];
  const text = await readText(toCsv(rows, { columns: [{ key: 'name', type: 'url' }], bom: false }));
  expect(text).toBe('name\r\nhttps://school.example/students/1\r\nhttps://example.org/x\r\n""\r\n');
});
