// The seam's `columnFormat` hook: what one feature adds to a column's cell formats reaches the cells
// whatever writes them: the default writer, and columnCells' styled, formula, link and row-styled cells.
import { describe, expect, it } from 'vitest';
import { RowReader } from '../../../src/sources/rowReader.js';
import { FEATURES, type SheetFeatureOptions } from '../../../src/xlsx/features/features.js';
import { resolveXlsxOptions } from '../../../src/xlsx/resolve/options.js';
import type { WorkbookFeature } from '../../../src/xlsx/seam/feature.js';
import { streamWorkbook } from '../../../src/node/streamWorkbook.js';
import { readAll } from '../../helpers/streams.js';
import { parts } from '../../helpers/unzip.js';

/** Unlocks every column but the first. */
const unlockFeature: WorkbookFeature<SheetFeatureOptions> = {
  name: 'unlock',
  resolve: () => ({ name: 'unlock', start: () => ({ columnFormat: (_column, c) => (c === 0 ? undefined : { protection: 'locked="0"' }) }) }),
};

describe('columnFormat laid over every writer of a column', () => {
  it('unlocks plain, styled, formula, link and row-styled cells, one format each', async () => {
    const features = [...FEATURES, unlockFeature];
    const rows = [
      { id: 1, name: 'Ada', n: 2, url: 'https://x.org' },
      { id: 2, name: 'Alan', n: 3, url: 'https://y.org' },
    ];
    const { look, names, sheet } = resolveXlsxOptions(
      {
        columns: ['id', { key: 'name', style: { bold: true } }, { key: 'n', formula: 'C{r}*1' }, { key: 'url', type: 'url' }, 'plain'],
        rowStyle: (_row, i) => (i === 1 ? { fill: 'FFC7CE' } : undefined),
      },
      features,
    );
    const stream = streamWorkbook({
      sheets: [{ sheet, reader: new RowReader(rows) }],
      names,
      look,
      signal: undefined,
      onProgress: undefined,
      progressInterval: 200,
      total: undefined,
      features,
    });
    const p = parts(await readAll(stream));
    const xfs = [...(p['xl/styles.xml'] as string).matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)].map((m) => m[0]).slice(1); // after cellStyleXfs
    const sheetXml = p['xl/worksheets/sheet1.xml'] as string;
    const styleOf = (ref: string) => Number(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(sheetXml)?.[1] ?? 0);
    const unlocked = (ref: string) => (xfs[styleOf(ref)] ?? '').includes('<protection locked="0"/>');
    for (const ref of ['B2', 'C2', 'D2', 'B3', 'C3', 'D3']) expect(unlocked(ref), ref).toBe(true);
    for (const ref of ['A2', 'A3', 'A1', 'B1']) expect(unlocked(ref), ref).toBe(false);
  });
});
