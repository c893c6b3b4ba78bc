import { describe, expect, it } from 'vitest';
import { type RowportWarning, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 12: a lone surrogate in a title, subtitle or preamble line was replaced by U+FFFD without
// the ROWPORT_LONE_SURROGATE warning every data cell and header gives for the same repair.
describe('a lone surrogate in the title block', () => {
  it('is replaced by U+FFFD with a ROWPORT_LONE_SURROGATE warning naming the sheet', async () => {
    const warnings: RowportWarning[] = [];
    const bytes = await readAll(toXlsx([{ a: 1 }], { title: 'Report \uD800', preamble: ['fine', 'bad \uDC00'], onWarning: (w) => warnings.push(w) }));
    expect(parts(bytes)['xl/worksheets/sheet1.xml']).toContain('<t>Report \uFFFD</t>');
    expect(warnings.map((w) => [w.code, w.sheet])).toEqual([
      ['ROWPORT_LONE_SURROGATE', 'Sheet1'],
      ['ROWPORT_LONE_SURROGATE', 'Sheet1'],
    ]);
  });
});
