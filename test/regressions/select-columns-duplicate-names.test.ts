// selectColumns(rows, ['a', {key:'b', header:'a'}]) gave [{a:2}]: two columns with one output
// name kept only the last. It is ROWPORT_INVALID_OPTION at the call (#10).
import { expect, it } from 'vitest';
import { selectColumns, toCsv, toXlsx } from '../../src/index.js';
import { readText } from '../helpers/streams.js';
import { readWithOpenpyxl, saveTo, tempDir, values } from '../helpers/xlsx.js';

it('selectColumns refuses two columns with one output name, at the call', () => {
  expect(() => selectColumns([{ a: 1, b: 2 }], ['a', { key: 'b', header: 'a' }])).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  expect(() =>
    selectColumns(
      [{ a: 1, b: 2 }],
      [
        { key: 'a', header: 'x' },
        { key: 'b', header: 'x' },
      ],
    ),
  ).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
});

it('a file may still repeat a header: toCsv writes both columns', async () => {
  expect(await readText(toCsv([{ a: 1, b: 2 }], { columns: ['a', { key: 'b', header: 'a' }], bom: false }))).toBe('a,a\r\n1,2\r\n');
});

it('a file may still repeat a header: toXlsx writes both columns (read back by openpyxl)', async () => {
  const path = await saveTo(tempDir(), 'dup.xlsx', toXlsx([{ a: 1, b: 2 }], { columns: ['a', { key: 'b', header: 'a' }] }));
  const book = readWithOpenpyxl([path])[path];
  expect(values(book!.sheets[0]!)).toEqual([
    ['a', 'a'],
    [1, 2],
  ]);
});
