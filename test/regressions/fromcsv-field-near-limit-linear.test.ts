// fromCsv counted the UTF-8 bytes of every piece of a growing field again at each chunk once the
// field passed a third of maxFieldBytes: a field near the limit took time quadratic in its length
// (a 16 MiB field in 1 KiB chunks, which the default limit accepts, took minutes; a gzipped input
// comes in 16 KiB chunks), so a hostile upload just under the limit could hold a CPU for minutes.
// Each piece is now counted once. No time is asserted: the quadratic count would pass the timeout.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';

/** `a,b` then one row whose second field is `size` bytes of `x` (quoted or not), in `piece`-byte chunks. */
function fieldCsv(size: number, piece: number, quoted: boolean): Readable {
  return Readable.from(
    (function* () {
      yield Buffer.from(`a,b\n1,${quoted ? '"' : ''}`);
      const chunk = Buffer.alloc(piece, 'x');
      for (let left = size; left > 0; left -= piece) yield left >= piece ? chunk : chunk.subarray(0, left);
      yield Buffer.from(`${quoted ? '"' : ''}\n2,3\n`);
    })(),
  );
}

async function lengths(input: Readable): Promise<number[]> {
  const out: number[] = [];
  for await (const row of fromCsv(input)) out.push(row.b!.length);
  return out;
}

describe('fromCsv: a field just under maxFieldBytes', () => {
  const size = 16 * 1024 * 1024; // the default limit: accepted

  it.each([false, true])(
    'is read in linear time in 1 KiB chunks (quoted: %s)',
    async (quoted) => {
      expect(await lengths(fieldCsv(size, 1024, quoted))).toEqual([size, 1]);
    },
    20_000,
  );

  it('still fails one byte past the limit, naming the line', async () => {
    await expect(lengths(fieldCsv(size + 1, 1024, false))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 2 });
  }, 20_000);
});
