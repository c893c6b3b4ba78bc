import { describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 12: a totals-row label is the text of a cell, but its length was not checked, so a label
// over Excel's 32,767 characters was written whole into the totals cell (Excel repairs the file,
// dropping the table). It is now `ROWPORT_INVALID_OPTION` at the call, naming the sheet and the
// column's totals option; 32,767 characters are written as they are.
const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });
const rows = [{ name: 'a', score: 1 }];

describe('a totals label past the cell limit', () => {
  it('is refused at the call, naming the option', () => {
    expect(() => toXlsx(rows, { table: { totals: { name: 'L'.repeat(32_768) } } })).toThrow(invalid('table.totals.name'));
    expect(() =>
      toWorkbook([
        { name: 'A', rows },
        { name: 'B', rows, table: { totals: { name: 'L'.repeat(32_768), score: 'sum' } } },
      ]),
    ).toThrow(invalid('sheets[1].table.totals.name'));
  });

  it('is written whole up to 32,767 characters', async () => {
    const sheet = parts(await readAll(toXlsx(rows, { table: { totals: { name: 'L'.repeat(32_767) } } })))['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).toContain(`<c r="A3" s="1" t="inlineStr"><is><t>${'L'.repeat(32_767)}</t></is></c>`);
  });
});
