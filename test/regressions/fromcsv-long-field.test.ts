// Issue 10, "Reading CSV": a long field made fromCsv quadratic (1 MB 3 s, 4 MB 35 s, 8 MB > 2 min),
// and there was no way to cap a field. A 24 MB field is read back exactly (quadratic parsing would
// take hours; no time is asserted), and maxFieldBytes fails naming the line.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

/** `a,b` then one row whose second field is `size` bytes of `x`, quoted, in 64 KiB chunks. */
function longFieldCsv(size: number): Readable {
  return Readable.from(
    (function* () {
      yield Buffer.from('a,b\r\n1,"');
      const chunk = Buffer.alloc(64 * 1024, 'x');
      for (let left = size; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
      yield Buffer.from('"\r\n2,3\r\n');
    })(),
  );
}

describe('fromCsv on a long field', () => {
  it('reads a 24 MB field exactly, and the row after it', async () => {
    const size = 24 * 1024 * 1024;
    const rows = await collect(fromCsv(longFieldCsv(size), { maxFieldBytes: Infinity }));
    expect(rows).toHaveLength(2);
    expect(rows[0]!.b!.length).toBe(size);
    expect(/^x*$/.test(rows[0]!.b!)).toBe(true);
    expect(rows[1]).toEqual({ a: '2', b: '3' });
  });

  it('fails with ROWPORT_INVALID_CSV on the line of a field longer than maxFieldBytes', async () => {
    await expect(collect(fromCsv(longFieldCsv(1_000_001), { maxFieldBytes: 1_000_000 }))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_CSV',
      row: 2,
    });
    await expect(collect(fromCsv(longFieldCsv(32 * 1024 * 1024)))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 2 });
  });
});
