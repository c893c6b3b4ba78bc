// With `table`, a header longer than a table column name may be (Excel's 255 characters, less room
// for a number that keeps it unique) was cut to 251 characters in its cell and its column name, with
// no warning: the header read back shorter and onWarning heard nothing. The cut is now reported.
import { describe, expect, it } from 'vitest';
import { type RowportWarning, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

describe('table: a header longer than a table column name', () => {
  it('is cut to 251 characters with a ROWPORT_TEXT_TRUNCATED warning naming its column', async () => {
    const warnings: RowportWarning[] = [];
    const columns = [
      { key: 'long', header: 'h'.repeat(300) },
      { key: 'fits', header: 'f'.repeat(251) },
    ];
    const zip = parts(await readAll(toXlsx([{ long: 1, fits: 2 }], { columns, table: true, onWarning: (w) => warnings.push(w) })));
    expect(String(zip['xl/tables/table1.xml'])).toContain(`name="${'h'.repeat(251)}"`);
    expect(warnings).toEqual([expect.objectContaining({ code: 'ROWPORT_TEXT_TRUNCATED', column: 'long', sheet: 'Sheet1' })]);
    expect(warnings[0]?.row).toBeUndefined();
    expect(warnings[0]?.message).toContain('251');
  });

  it('gives no warning without a table', async () => {
    const warnings: RowportWarning[] = [];
    await readAll(toXlsx([{ long: 1 }], { columns: [{ key: 'long', header: 'h'.repeat(300) }], onWarning: (w) => warnings.push(w) }));
    expect(warnings).toEqual([]);
  });
});
