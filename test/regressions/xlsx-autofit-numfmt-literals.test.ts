// Auto-fit measured a number in its `numFmt` by its digits, decimals, grouping and `%` only: the
// text a format shows around the number (`"EUR"`, `" kg"`, `$`, `[$€-407]`, the parentheses of a
// negative section) was not counted, so the column was too narrow and Excel and LibreOffice showed
// `###` instead of the number. Now every character the format's section shows is counted (quoted
// text, `\x`, `_x`, a `[$…]` currency symbol, literal characters), the negative section for a
// negative number (without an extra minus), and the zero section for 0 (#12).
import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

const widthOf = async (numFmt: string, value: number): Promise<number> => {
  const sheet = parts(await readAll(toXlsx([{ n: value }], { columns: [{ key: 'n', header: 'N', numFmt }], autoFilter: false })))[
    'xl/worksheets/sheet1.xml'
  ] as string;
  return Number(/<col min="1" max="1" width="([\d.]+)"/.exec(sheet)?.[1]);
};

describe('auto-fit of numbers with text in their number format', () => {
  it.each([
    ['#,##0.00 "EUR"', 1234567.89, '1,234,567.89 EUR'],
    ['0.0" kg"', 12345678.5, '12345678.5 kg'],
    ['[$€-407] #,##0.00', 1234567.89, '€ 1,234,567.89'],
    ['$#,##0.00;($#,##0.00)', -1234567.89, '($1,234,567.89)'],
    ['0.00\\ \\k\\m', 123456789.25, '123456789.25 km'],
    ['#,##0.00_);[Red](#,##0.00)', -1234567.89, '(1,234,567.89)'],
    ['#,##0.00 "EUR";-#,##0.00 "EUR";"nothing at all"', 0, 'nothing at all'],
  ])('%s: %d is shown as %s, and the column is wide enough', async (numFmt, value, shown) => {
    expect(await widthOf(numFmt, value)).toBe(shown.length + 2);
  });

  it('still measures plain formats as before', async () => {
    expect(await widthOf('#,##0.00', -1234567.891)).toBe(15); // -1,234,567.89
    expect(await widthOf('0.00%', 0.1234)).toBe(8); // 12.34% under the minimum width
  });
});
