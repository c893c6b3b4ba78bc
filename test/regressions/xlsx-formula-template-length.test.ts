import { expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 12: a formula template was checked against Excel's 8,192 characters before its `{r}` were
// filled, so a template of 8,190 characters with two `{r}` made formulas of 8,198 characters from
// row 1,000,000 on: a file Excel refuses. The template is now refused at the call unless it fits with each `{r}` as a 7-digit row number.
const template = (length: number, refs: number) => `${'A{r}+'.repeat(refs)}${'1'.repeat(length - 5 * refs)}`;

it('refuses a formula template too long once its {r} are row numbers, naming sheet and option', () => {
  const over = template(8_192 - 7, 2); // 8,185 characters, 8,193 with two 7-digit rows
  expect(() => toXlsx([], { columns: [{ key: 'f', formula: over }] })).toThrow(
    expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('`columns[0].formula`') }),
  );
  expect(() => toWorkbook([{ name: 'S', rows: [], columns: ['a', { key: 'f', formula: over }] }])).toThrow(
    expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('`sheets[0].columns[1].formula`') }),
  );
});

it('takes one that fits at the last row', async () => {
  const fits = template(8_192 - 8, 2); // 8,192 at row 1,048,576
  const sheet = parts(await readAll(toXlsx([{ a: 1 }], { columns: ['a', { key: 'f', formula: fits }] })))['xl/worksheets/sheet1.xml'] ?? '';
  expect(sheet).toContain(`<f>${fits.replaceAll('{r}', '2')}</f>`);
});
