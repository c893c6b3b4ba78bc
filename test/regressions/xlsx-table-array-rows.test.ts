import { describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 12: rows of arrays without `columns` have no header row, and a table needs one; asking for
// a table (with totals) there wrote neither table nor totals nor the sheet autofilter, silently,
// while `header: false` with `table` is refused. It is now `ROWPORT_INVALID_OPTION` naming the
// sheet's `table`, before the sheet's first byte. An empty source without `columns` still writes
// its empty sheet, and arrays with `columns` get their table.
const invalidTable = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });

describe('a table over rows of arrays', () => {
  it('is refused without columns', async () => {
    await expect(
      readAll(
        toXlsx(
          [
            [1, 2],
            [3, 4],
          ],
          { table: { totals: { '0': 'sum' } } },
        ),
      ),
    ).rejects.toEqual(invalidTable('table'));
    await expect(
      readAll(
        toWorkbook([
          { name: 'A', rows: [{ a: 1 }] },
          { name: 'B', rows: [[1, 2]], table: true },
        ]),
      ),
    ).rejects.toEqual(invalidTable('sheets[1].table'));
  });

  it('is written with columns, and an empty source still writes its sheet', async () => {
    const p = parts(
      await readAll(
        toXlsx(
          [
            [1, 2],
            [3, 4],
          ],
          {
            columns: [
              { key: '0', header: 'a' },
              { key: '1', header: 'b' },
            ],
            table: { totals: { '1': 'sum' } },
          },
        ),
      ),
    );
    expect(p['xl/tables/table1.xml']).toContain('ref="A1:B4" totalsRowCount="1"');
    expect(p['xl/worksheets/sheet1.xml']).toContain('<f>SUBTOTAL(109,B2:B3)</f><v>6</v>');
    expect(Object.keys(parts(await readAll(toXlsx([], { table: true }))))).toContain('xl/worksheets/sheet1.xml');
  });
});
