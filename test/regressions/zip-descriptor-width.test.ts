// A streamed entry's data descriptor had 8-byte sizes whenever the zip used zip64 records for it,
// also when only its offset passed 4 GiB (every part after the first 4 GiB of a big workbook) or
// zip64 was forced. Its local header has no zip64 field, so a streaming reader reads 4-byte sizes
// there: Java's ZipInputStream failed ("invalid entry size") or stopped after the first entry. The
// descriptor's sizes are now 8 bytes only when a size needs them; the central directory is unchanged.
import { expect, it } from 'vitest';
import { nodeZipCodec } from '../../src/node/deflate.js';
import { StreamZip } from '../../src/platform/zip.js';
import { unzip } from '../helpers/unzip.js';

/** Reads the zip front to back as a streaming reader does: local header, data, 16-byte descriptor. */
function streamedEntries(zip: Buffer, sizes: Map<string, number>): string[] {
  const names: string[] = [];
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const flags = zip.readUInt16LE(at + 6);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 30, at + 30 + nameLength);
    expect(extraLength).toBe(0); // no zip64 field: the descriptor's sizes must be 4 bytes
    const data = at + 30 + nameLength;
    const compressed = sizes.get(name) as number;
    at = data + compressed;
    if (flags & 0x08) {
      expect(zip.readUInt32LE(at)).toBe(0x08074b50);
      expect(zip.readUInt32LE(at + 8)).toBe(compressed);
      at += 16;
    }
    names.push(name);
  }
  expect(zip.readUInt32LE(at)).toBe(0x02014b50); // the central directory follows the last entry
  return names;
}

it('writes 4-byte descriptor sizes for small streamed entries, also when zip64 is forced', async () => {
  for (const force of [false, true]) {
    const zip = new StreamZip(new Date(0), 6, nodeZipCodec(6), force);
    for (const name of ['a.xml', 'b.xml', 'c.xml']) {
      const entry = zip.openEntry(name);
      await entry.write(`<x>${name.repeat(1000)}</x>`);
      entry.end();
    }
    zip.addBuffer('d.xml', '<d/>');
    zip.end();
    const chunks: Uint8Array[] = [];
    for await (const c of zip.output) chunks.push(c);
    const bytes = Buffer.concat(chunks);
    const entries = unzip(bytes);
    expect(entries.map((e) => e.zip64)).toEqual([force, force, force, force]);
    const sizes = new Map<string, number>();
    for (let at = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at - 1)) {
      const name = bytes.toString('utf8', at + 46, at + 46 + bytes.readUInt16LE(at + 28));
      const small = bytes.readUInt32LE(at + 20);
      // zip64 central records hold 0xffffffff and the size in their extra field: take it from there
      sizes.set(
        name,
        small !== 0xffffffff
          ? small
          : Number(bytes.readBigUInt64LE(at + 46 + bytes.readUInt16LE(at + 28) + 4 + (bytes.readUInt32LE(at + 24) === 0xffffffff ? 8 : 0))),
      );
    }
    expect(streamedEntries(bytes, sizes)).toEqual(['a.xml', 'b.xml', 'c.xml', 'd.xml']);
  }
});
