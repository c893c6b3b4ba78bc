// A block whose deflate zlib refused at once (bad options) never gave its lane back: after one such
// failure per lane, every later XLSX export of the process waited forever for a lane.
import { inflateRawSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { DEFLATE_BLOCK, nodeZipCodec } from '../../src/node/deflate.js';

async function deflated(pieces: Uint8Array[], level: number): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const piece of nodeZipCodec(level).deflate(pieces)) out.push(piece);
  return Buffer.concat(out);
}

it('a deflate zlib refuses fails its entry, and gives its lane back for the next ones', async () => {
  for (let i = 0; i < 5; i++) await expect(deflated([Buffer.from('<row/>')], 10)).rejects.toThrow();
  const data = Buffer.from('<row r="1"><c><v>1</v></c></row>'.repeat((3 * DEFLATE_BLOCK) / 32));
  expect(inflateRawSync(await deflated([data], 4)).equals(data)).toBe(true);
}, 10_000);
