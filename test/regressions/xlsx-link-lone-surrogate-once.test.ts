import { afterEach, describe, expect, it } from 'vitest';
import { type RowportWarning, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { readWithOpenpyxl, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// A formula-mode link whose text held a lone surrogate and was too long for a formula was
// reported twice as ROWPORT_LONE_SURROGATE: once when the formula was tried, and again when the
// text was written as a plain cell instead. Each repair of a cell is now reported once.
const url = 'https://school.example/reports/1';
const text = `a\uD800${'x'.repeat(9_000)}`;

describe('a lone surrogate in a formula link that falls back to text', () => {
  afterEach(removeTempDirs);

  it('is one warning, beside the one that the link is text', async () => {
    const warnings: RowportWarning[] = [];
    const options = { columns: [{ key: 'r', type: 'url' as const }], links: 'formula' as const };
    const rows = [{ r: { text, url } }];
    await readAll(toXlsx(rows, { ...options, onWarning: (w) => warnings.push(w) }));
    expect(warnings.map((w) => [w.code, w.row, w.column]).sort()).toEqual([
      ['ROWPORT_LINK_AS_TEXT', 0, 'r'],
      ['ROWPORT_LONE_SURROGATE', 0, 'r'],
    ]);
    if (!haveTool('openpyxl')) return;
    const book = readWithOpenpyxl([await saveTo(tempDir(), 'surrogate-link.xlsx', toXlsx(rows, options))]);
    expect(Object.values(book)[0]?.sheets[0]?.rows[1]?.[0]?.v).toBe(text.toWellFormed());
  });
});
