// Node's deflate held at most a few 256 KiB blocks of a part between pieces, but one big piece (a
// whole part added at once, an image) was cut into blocks that were all copied and queued before the
// first wait: 64 MiB in one piece took 257 block buffers (80 MB) and queued every block on the
// process-wide lanes at once, so another export's small part waited behind all of them. A big piece
// now waits at each block as pieces do, and the bytes are the same.
import { inflateRawSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { DEFLATE_BLOCK, nodeZipCodec } from '../../src/node/deflate.js';

const big = Buffer.alloc(64 * 1024 * 1024);
for (let i = 0; i < big.length; i += 4096) big.write(`block ${i} `, i); // some text, mostly zeros: quick to deflate

async function deflate(pieces: Iterable<Uint8Array>): Promise<{ bytes: Buffer; peak: number }> {
  const before = process.memoryUsage().arrayBuffers;
  let peak = 0;
  const out: Uint8Array[] = [];
  for await (const piece of nodeZipCodec(4).deflate(pieces)) {
    out.push(piece);
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
  }
  return { bytes: Buffer.concat(out), peak };
}

it('holds a few blocks of one 64 MiB piece, as of the same bytes in 64 KiB pieces, and deflates them alike', async () => {
  const whole = await deflate([big]);
  expect(inflateRawSync(whole.bytes).equals(big)).toBe(true);
  expect(whole.peak).toBeLessThan(32 * DEFLATE_BLOCK); // 5 MB; was 80 MB
  const cut = await deflate(
    (function* () {
      for (let at = 0; at < big.length; at += 65536) yield big.subarray(at, at + 65536);
    })(),
  );
  expect(whole.bytes.equals(cut.bytes)).toBe(true);
});
