import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFLATE_BLOCK, nodeZipCodec } from '../../src/node/deflate.js';

async function deflated(pieces: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, level = 3): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const piece of nodeZipCodec(level).deflate(pieces)) out.push(piece);
  return Buffer.concat(out);
}

/** Text like a sheet's: repetitive, with some randomness, `size` bytes. */
function sheetLike(size: number, seed = 1): Buffer {
  let text = '';
  for (let r = seed; text.length < size; r++)
    text += `<row r="${r}"><c r="A${r}"><v>${(r * 7919) % 100_003}</v></c><c r="B${r}" t="s"><v>${r % 97}</v></c></row>`;
  return Buffer.from(text.slice(0, size));
}

/** `data` cut into pieces of the given sizes (the rest in the last). */
function cut(data: Buffer, sizes: readonly number[]): Buffer[] {
  const pieces: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= data.length) break;
    pieces.push(data.subarray(at, at + size));
    at += size;
  }
  if (at < data.length) pieces.push(data.subarray(at));
  return pieces;
}

describe('nodeZipCodec deflate', () => {
  it('an entry of one block is the bytes of a streamed deflate, however it is cut', async () => {
    const data = sheetLike(DEFLATE_BLOCK - 10);
    const whole = deflateRawSync(data, { level: 3 });
    expect((await deflated(cut(data, [1, 70_000, 3, 500_000]))).equals(whole)).toBe(true);
    expect((await deflated([])).equals(deflateRawSync(Buffer.alloc(0), { level: 3 }))).toBe(true);
  });

  it('blocks deflated side by side inflate to the same bytes, as one stream', async () => {
    const data = sheetLike(5 * DEFLATE_BLOCK + 12_345);
    const bytes = await deflated(cut(data, [65_536, 65_536, 3 * DEFLATE_BLOCK, 17]));
    expect(inflateRawSync(bytes).equals(data)).toBe(true);
    // Each block starts from the 32 KiB before it: hardly bigger than one stream.
    expect(bytes.length).toBeLessThan(deflateRawSync(data, { level: 3 }).length * 1.01);
  });

  it('an entry that ends at a block boundary, or of exactly one block, is still one valid stream', async () => {
    for (const size of [DEFLATE_BLOCK, 2 * DEFLATE_BLOCK]) {
      const data = sheetLike(size, size);
      expect(inflateRawSync(await deflated([data])).equals(data)).toBe(true);
    }
  });

  it('any bytes, cut anywhere, at any level, inflate to themselves', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 * DEFLATE_BLOCK }),
        fc.array(fc.integer({ min: 1, max: DEFLATE_BLOCK + 5 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        async (size, sizes, level, random) => {
          const data = random ? Buffer.from(Array.from({ length: size }, (_, i) => (i * 2654435761) >>> 24)) : sheetLike(size, size);
          expect(inflateRawSync(await deflated(cut(data, sizes), level)).equals(data)).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('several entries at once share the lanes, each joined in its own order', async () => {
    const datas = [0, 1, 2].map((i) => sheetLike(4 * DEFLATE_BLOCK + i * 1000, 10 ** i));
    const outputs = await Promise.all(datas.map((data) => deflated(cut(data, [300_000, 300_000, 300_000]))));
    expect(outputs.map((bytes, i) => inflateRawSync(bytes).equals(datas[i] as Buffer))).toEqual([true, true, true]);
  });

  it('reads the input as the output is read (a reader that stops early stops it)', async () => {
    let read = 0;
    function* input(): Generator<Uint8Array> {
      for (let i = 0; i < 64; i++) {
        read++;
        yield sheetLike(DEFLATE_BLOCK, i);
      }
    }
    for await (const _ of nodeZipCodec(3).deflate(input())) break;
    expect(read).toBeLessThan(16);
  });
});
