// toCsv([[1,2], {a:1}]) wrote `,` for the second row: columns bound to the first row's positions
// read nothing from an object. Rows of one export must be of one kind (#10).
import { describe, expect, it } from 'vitest';
import { selectColumns, toCsv, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const drain = async (rows: AsyncIterable<unknown>) => {
  for await (const _ of rows);
};

describe('rows that mix arrays and objects', () => {
  it('toCsv fails at the first row of the other kind', async () => {
    await expect(readAll(toCsv([[1, 2], { a: 1 }]))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
    await expect(readAll(toCsv([{ a: 1 }, { a: 2 }, [1]]))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 2 });
  });

  it('toXlsx fails the same way', async () => {
    await expect(readAll(toXlsx([{ a: 1 }, [1]]))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
  });

  it('selectColumns fails the same way', async () => {
    await expect(drain(selectColumns([[1], { 0: 2 }], ['0']))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
  });

  it('still writes all-array and all-object sources', async () => {
    expect(
      (
        await readAll(
          toCsv(
            [
              [1, 2],
              [3, 4],
            ],
            { bom: false },
          ),
        )
      ).toString(),
    ).toBe('1,2\r\n3,4\r\n');
  });
});
