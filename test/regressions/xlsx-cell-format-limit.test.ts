import { expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 12: each column style laid under each distinct row style is one cell format, so 100 styled
// columns and a few hundred row styles (within the 1,000 allowed) wrote a styles.xml of over 64,000
// cell formats, Excel's limit: Excel repairs the file and drops formats. The export now stops with
// ROWPORT_INVALID_VALUE naming the row whose style needed one more, not a file Excel repairs.
const hex = (n: number) => n.toString(16).padStart(6, '0');
const columns = Array.from({ length: 100 }, (_, i) => ({ key: `c${i}`, style: { fill: hex(i) } }));
// 100 × 700 = 70,000 combinations (each registered once since #18; 400 once sufficed, registered twice).
const looks = Array.from({ length: 700 }, (_, i) => ({ color: hex(i * 7) }));
const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => Object.fromEntries(columns.map((c) => [c.key, i])));

it('stops at 64,000 cell formats, naming the row', async () => {
  const error = await readAll(toXlsx(rowsOf(700), { columns, rowStyle: (_row, i) => looks[i] })).catch((e: unknown) => e);
  expect(error).toMatchObject({
    code: 'ROWPORT_INVALID_VALUE',
    row: expect.any(Number),
    message: expect.stringMatching(/^Row \d+, column "c\d+": rowStyle\(\): .*64000 cell formats/),
  });
});

it('writes the formats it needs below the limit', async () => {
  const styles = parts(await readAll(toXlsx(rowsOf(50), { columns, rowStyle: (_row, i) => looks[i] })))['xl/styles.xml'] ?? '';
  expect(Number(/<cellXfs count="(\d+)"/.exec(styles)?.[1])).toBeLessThan(64_000);
});
