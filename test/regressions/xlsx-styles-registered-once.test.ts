// Each cell style was registered twice (with and without wrapping, used or not), so Excel's 64,000 cell
// formats were reached at half the documented number of style combinations; only used ones count now (#18).
import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

const hex = (n: number) => n.toString(16).padStart(6, '0');
// 117 column styles × 547 row styles = 63,999 combinations; with the default format, 64,000 formats.
const columns = Array.from({ length: 117 }, (_, i) => ({ key: `c${i}`, style: { fill: hex(i) } }));
const looks = Array.from({ length: 548 }, (_, i) => ({ color: hex(i * 7 + 1) }));
const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => Object.fromEntries(columns.map((c) => [c.key, `r${i}`])));
const formats = (xlsx: Buffer) => Number(/<cellXfs count="(\d+)"/.exec(parts(xlsx)['xl/styles.xml'] ?? '')?.[1]);

describe("Excel's 64,000 cell formats", () => {
  it('hold every documented combination: column styles × row styles, one format each', async () => {
    const xlsx = await readAll(toXlsx(rowsOf(547), { columns, header: false, rowStyle: (_row, i) => looks[i] }));
    expect(formats(xlsx)).toBe(64_000);
  });

  it('stop the export at one combination more, naming the row', async () => {
    const error = await readAll(toXlsx(rowsOf(548), { columns, header: false, rowStyle: (_row, i) => looks[i] })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 547 });
  });

  it('register a wrapped variant only for a column whose text wraps', async () => {
    const rows = [{ a: 'short', b: 'line\nbreak', n: 1 }];
    const xlsx = await readAll(
      toXlsx(rows, {
        columns: [
          { key: 'a', style: { bold: true } },
          { key: 'b', style: { bold: true } },
          { key: 'n', type: 'decimal' },
        ],
        header: false,
      }),
    );
    const xfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(parts(xlsx)['xl/styles.xml'] ?? '')?.[1]?.match(/<xf /g) ?? [];
    expect(xfs).toHaveLength(4); // the default; bold; bold wrapped (b); 0.00 (n)
  });
});
