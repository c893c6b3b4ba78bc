import { afterEach, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// Issue 12: a link text over 255 characters is written in the HYPERLINK formula as pieces of 255
// joined with `&`, and a piece could end between the two halves of a surrogate pair (an emoji at
// characters 255-256): each half was written alone, as U+FFFD, so the link showed two U+FFFD once
// Excel or LibreOffice recalculated it. The pieces are now never cut inside a pair.
afterEach(removeTempDirs);

it('keeps an emoji whole across the 255-character pieces of a link text', async () => {
  const text = `${'x'.repeat(254)}😀${'y'.repeat(10)}`;
  const rows = [{ r: { text, url: 'https://school.example/reports/1' } }];
  // The pieces are a formula's: forced here, as past Excel's 65,530 native links a sheet (#24).
  const options = { columns: [{ key: 'r', type: 'url' as const }], links: 'formula' as const };
  const sheet = parts(await readAll(toXlsx(rows, options)))['xl/worksheets/sheet1.xml'] ?? '';
  expect(sheet).not.toContain('\uFFFD');
  expect(sheet).toContain(`HYPERLINK("https://school.example/reports/1","${'x'.repeat(254)}"&amp;"😀${'y'.repeat(10)}")`);
  if (!haveTool('soffice')) return;
  const path = await saveTo(tempDir(), 'link-surrogate-pair.xlsx', toXlsx(rows, options));
  const csv = Object.values(convertWithLibreOffice([path])[path] ?? {})[0] ?? '';
  expect(csv.split('\n')[1]).toBe(text); // recalculated
});
