// Node's deflate gave zlib a 64 KiB output buffer for every part, and zlib's output is a slice of
// it: a 10-byte part's 12 bytes of deflate held 64 KiB until the zip had gathered 64 KiB of output,
// so 5,000 tiny parts (a workbook of many small sheets, notes, charts) held ~100 MB for a 0.5 MB zip.
// A small part's output buffer is now about its size.
import { inflateRawSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { nodeZipCodec } from '../../src/node/deflate.js';

it('gives a small part an output buffer of about its size', async () => {
  for (const text of ['<x/>', '<sheet>'.repeat(500), 'x'.repeat(20_000)]) {
    const input = new TextEncoder().encode(text);
    const out: Uint8Array[] = [];
    for await (const piece of nodeZipCodec(6).deflate([input])) out.push(piece);
    expect(inflateRawSync(Buffer.concat(out)).toString()).toBe(text);
    // Its own buffer, or a slice of Node's shared pool (8 KiB slabs on Node 20 and 22, 64 KiB on 24): was its own 65,536.
    for (const piece of out) expect(piece.buffer.byteLength).toBeLessThanOrEqual(Math.max(input.length + 1024, Buffer.poolSize));
  }
});
