// An array row with a hole as the first row (`[1, , 3]`, `new Array(3)`) failed with an internal
// "Cannot read properties of undefined"; a hole is an empty cell, as undefined is (#18).
import { describe, expect, it } from 'vitest';
import { formatDates, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readText } from '../helpers/streams.js';
import { readWithOpenpyxl, removeTempDirs, saveTo, tempDir, values } from '../helpers/xlsx.js';
import { afterAll } from 'vitest';

afterAll(removeTempDirs);

const holey = () => [[1, , 3], new Array(3), [, 'b']];

describe('array rows with holes', () => {
  it('CSV writes a hole as an empty field, in the first row and later ones', async () => {
    expect(await readText(toCsv(holey(), { bom: false }))).toBe('1,,3\r\n,,\r\n,b,\r\n');
    expect(await readText(toCsv(holey(), { bom: false, columns: ['0', '1'], header: false }))).toBe('1,\r\n,\r\n,b\r\n');
  });

  it('XLSX writes a hole as an empty cell (openpyxl reads None)', async () => {
    const dir = tempDir();
    const a = await saveTo(dir, 'a.xlsx', toXlsx(holey()));
    const b = await saveTo(dir, 'b.xlsx', toWorkbook([{ name: 'Holes', rows: holey() }]));
    const read = readWithOpenpyxl([a, b]);
    const expected = [
      [1, null, 3],
      [null, null, null],
      [null, 'b', null],
    ];
    expect(values(read[a]!.sheets[0]!)).toEqual(expected);
    expect(values(read[b]!.sheets[0]!)).toEqual(expected);
  });

  it('selectColumns and formatDates read a hole as undefined', async () => {
    const selected = [];
    for await (const row of selectColumns(holey(), ['0', '1'])) selected.push(row);
    expect(selected).toEqual([
      { 0: 1, 1: undefined },
      { 0: undefined, 1: undefined },
      { 0: undefined, 1: 'b' },
    ]);
    expect(await readText(toCsv(formatDates(holey(), 'iso'), { bom: false }))).toBe('1,,3\r\n,,\r\n,b,\r\n');
  });
});
