// On a sheet of 16,384 columns the default chart anchor (two columns right of the data) was past the
// last column, and LibreOffice dropped the chart; the default anchor is now kept inside the sheet (#18).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

const MAX_COLUMNS = 16_384;
const sheetOf = (width: number) => {
  const keys = Array.from({ length: width }, (_, i) => `c${i}`);
  const rows = [0, 1, 2].map((r) => Object.fromEntries(keys.map((k, i) => [k, i === 0 ? `cat${r}` : r + i])));
  return toXlsx(rows, {
    autoFit: false,
    charts: [
      { type: 'column', categories: 'c0', series: ['c1'] },
      { type: 'line', categories: 'c0', series: ['c2'] },
    ],
  });
};

describe.each([MAX_COLUMNS, MAX_COLUMNS - 1, MAX_COLUMNS - 5])('default chart anchors on a sheet of %i columns', (width) => {
  it('start inside the sheet, with room for the chart', async () => {
    const drawing = parts(await readAll(sheetOf(width)))['xl/drawings/drawing1.xml'] ?? '';
    const cols = [...drawing.matchAll(/<xdr:col>(\d+)<\/xdr:col>/g)].map((m) => Number(m[1]));
    expect(cols).toHaveLength(2);
    // a 480-pixel chart spans 8 columns of Excel's default 64 pixels
    for (const col of cols) expect(col).toBeLessThanOrEqual(MAX_COLUMNS - 8);
  });
});

it('keeps the chart of a 16,384-column sheet in LibreOffice', { timeout: 300_000 }, async () => {
  if (!haveTool('soffice')) return;
  const dir = tempDir();
  const path = await saveTo(dir, 'wide-chart.xlsx', sheetOf(MAX_COLUMNS));
  const profile = tempDir('rowport-lo-profile-');
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'fods', '--outdir', dir, path], {
    stdio: 'pipe',
    timeout: 300_000,
  });
  const fods = readFileSync(join(dir, 'wide-chart.fods'), 'utf8');
  expect(fods.match(/<chart:chart /g)).toHaveLength(2);
});
