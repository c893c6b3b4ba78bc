// toCsv with `decimalSeparator: ','` (or `dialect: 'excel-eu'`) wrote a JS number in a `url` column
// with a `.` (`1.5`), while every other column's numbers got the comma.
import { buffer } from 'node:stream/consumers';
import { expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';

/** The fields of a `;` CSV, read by python's csv module. */
const fields = (csv: string): string[][] =>
  python<string[][]>('import csv, json, sys, io\nprint(json.dumps(list(csv.reader(io.StringIO(json.load(sys.stdin)), delimiter=";"))))', csv);

it.skipIf(!haveTool('python'))('writes a number in a url column with the decimal comma', async () => {
  const rows = [{ link: 1.5, other: 'https://example.com/1.5', pair: { text: 'x', url: 'https://example.com/2.5' } }];
  const columns = ['link', 'other', 'pair'].map((key) => ({ key, type: 'url' as const }));
  const csv = (await buffer(toCsv(rows, { dialect: 'excel-eu', bom: false, columns }))).toString('utf8');
  expect(fields(csv)).toEqual([
    ['link', 'other', 'pair'],
    ['1,5', 'https://example.com/1.5', 'https://example.com/2.5'],
  ]);
});
