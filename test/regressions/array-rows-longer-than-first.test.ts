// toCsv([[1], [1, 2]]) wrote `1` for the second row: without `columns`, array rows get one column
// per item of the first row, and a longer later row lost its extra items silently (#10).
import { describe, expect, it } from 'vitest';
import { toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll, readText } from '../helpers/streams.js';

describe('array rows longer than the first row, without columns', () => {
  it('toCsv fails naming the row', async () => {
    await expect(readAll(toCsv([[1], [2], [3, 4]]))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 2, column: undefined });
  });

  it('toXlsx and toWorkbook fail the same way', async () => {
    await expect(
      readAll(
        toXlsx([
          [1, 2],
          [3, 4, 5],
        ]),
      ),
    ).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
    await expect(readAll(toWorkbook([{ name: 'a', rows: [[1], [2, 3]] }]))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
  });

  it('still writes shorter rows (missing items are empty) and longer rows with columns', async () => {
    expect(await readText(toCsv([[1, 2], [3]], { bom: false }))).toBe('1,2\r\n3,\r\n');
    expect(await readText(toCsv([[1], [2, 3]], { bom: false, columns: ['0'], header: false }))).toBe('1\r\n2\r\n');
  });
});
