import { describe, expect, it } from 'vitest';
import { type RowportWarning, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 10: a header cell over 32,767 characters was written whole (Excel truncates or refuses
// it). It is now cut like a data cell, with a warning naming the column.
describe('a header longer than a cell can hold', () => {
  it('is cut to 32,767 characters with a ROWPORT_TEXT_TRUNCATED warning', async () => {
    const warnings: RowportWarning[] = [];
    const header = 'h'.repeat(40_000);
    const p = parts(await readAll(toXlsx([{ a: 1 }], { columns: [{ key: 'a', header }], onWarning: (w) => warnings.push(w) })));
    const cell = /<c r="A1"[^>]*><is><t>(h*)<\/t>/.exec(p['xl/worksheets/sheet1.xml'] as string)?.[1];
    expect(cell?.length).toBe(32_767);
    expect(warnings).toEqual([expect.objectContaining({ code: 'ROWPORT_TEXT_TRUNCATED', column: 'a', sheet: 'Sheet1' })]);
    expect(warnings[0]?.row).toBeUndefined();
  });

  it('never splits a surrogate pair', async () => {
    const header = `${'h'.repeat(32_766)}😀`;
    const p = parts(await readAll(toXlsx([{ a: 1 }], { columns: [{ key: 'a', header }] })));
    const cell = /<c r="A1"[^>]*><is><t>([^<]*)<\/t>/.exec(p['xl/worksheets/sheet1.xml'] as string)?.[1];
    expect(cell).toBe('h'.repeat(32_766));
  });

  it('warns about a lone surrogate replaced in a header', async () => {
    const warnings: RowportWarning[] = [];
    await readAll(toXlsx([{ a: 1 }], { columns: [{ key: 'a', header: 'bad \uD800' }], onWarning: (w) => warnings.push(w) }));
    expect(warnings.map((w) => [w.code, w.column])).toEqual([['ROWPORT_LONE_SURROGATE', 'a']]);
  });
});
