import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 12: the text of a `cell` conditional format's value was written as a formula literal with
// `_xHHHH_` escapes (a control character as `_x0001_`, a literal `_x0041_` as `_x005F_x0041_`).
// Excel decodes those in a formula, LibreOffice does not: there the rule compared cells with
// `x_x005F_x0041_y` and never matched the cell that reads `x_x0041_y`. The value is now a formula
// expression without escapes (`"x_"&"x0041_y"`, `"q"&CHAR(1)&"r"`), which both read as the same text.
const rows = [{ a: 'x_x0041_y' }, { a: 'q\u0001r' }];

describe('a cell rule comparing with text that holds _xHHHH_ or a control character', () => {
  it('writes its value without _xHHHH_ escapes', async () => {
    const sheet = parts(
      await readAll(
        toXlsx(rows, {
          conditionalFormats: [
            { type: 'cell', column: 'a', operator: '=', value: 'x_x0041_y', style: { bold: true } },
            { type: 'cell', column: 'a', operator: 'between', value: ['q\u0001r', 'z'], style: { bold: true } },
          ],
        }),
      ),
    )['xl/worksheets/sheet1.xml'] as string;
    const formulas = [...sheet.matchAll(/<formula>([^<]*)<\/formula>/g)].map((m) => m[1]);
    expect(formulas).toEqual(['"x_"&amp;"x0041_y"', '"q"&amp;CHAR(1)&amp;"r"', '"z"']);
  });
});
