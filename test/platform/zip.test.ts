import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeZipCodec } from '../../src/node/deflate.js';
import { crc32 } from '../../src/platform/crc32.js';
import { StreamZip } from '../../src/platform/zip.js';
import { readAll } from '../helpers/streams.js';
import { PYTHON, haveTool } from '../helpers/tools.js';
import { unzip } from '../helpers/unzip.js';
import { removeTempDirs, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

async function zipOf(forceZip64: boolean, mtime = new Date(Date.UTC(1980, 0, 1))) {
  const zip = new StreamZip(mtime, 6, nodeZipCodec(6), forceZip64);
  const done = readAll(zip.output);
  const entry = zip.openEntry('big.xml');
  for (let i = 0; i < 50; i++) await entry.write(`<row r="${i}">${'x'.repeat(2000)}</row>`);
  entry.end();
  zip.addBuffer('small.xml', '<a/>');
  zip.end();
  return done;
}

describe('StreamZip', () => {
  it('writes streamed and whole entries, in order', async () => {
    const entries = unzip(await zipOf(false));
    expect(entries.map((e) => e.name)).toEqual(['big.xml', 'small.xml']);
    expect(entries[0]?.data.toString()).toContain('<row r="49">');
    expect(entries.every((e) => e.method === 8 && !e.zip64 && e.versionNeeded === 20)).toBe(true);
  });

  it('writes zip64 records (version needed 4.5) that readers accept', async () => {
    const zip = await zipOf(true);
    const entries = unzip(zip);
    expect(entries.every((e) => e.zip64 && e.versionNeeded === 45)).toBe(true);
    if (haveTool('python')) {
      const path = join(tempDir(), 'zip64.zip');
      writeFileSync(path, zip);
      const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(",".join(z.namelist()))';
      expect(execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' }).trim()).toBe('big.xml,small.xml');
    }
  });

  it('stamps every entry with the given time, read in UTC', async () => {
    const entries = unzip(await zipOf(false, new Date('2031-12-24T18:30:20Z')));
    for (const e of entries) {
      expect(e.dosDate).toBe(((2031 - 1980) << 9) | (12 << 5) | 24);
      expect(e.dosTime).toBe((18 << 11) | (30 << 5) | 10);
    }
  });

  it('gives the same bytes in any host time zone', () => {
    const script = `
      import { createHash } from 'node:crypto';
      import { toXlsx } from './src/index.ts';
      const chunks = [];
      for await (const c of toXlsx([{ at: new Date(Date.UTC(2024, 0, 15, 12)), n: 1 }], { createdAt: new Date('2024-02-03T04:05:06Z') })) chunks.push(c);
      console.log(createHash('sha256').update(Buffer.concat(chunks)).digest('hex'));`;
    const hash = (tz: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, TZ: tz } }).trim();
    const tokyo = hash('Asia/Tokyo');
    expect(tokyo).toMatch(/^[0-9a-f]{64}$/);
    expect(hash('America/Los_Angeles')).toBe(tokyo);
  });
});

describe('CRC-32 of the entries', () => {
  it('the JavaScript one (the web) and the native one (Node) agree with the definition, running too', () => {
    const native = nodeZipCodec(3).crc32;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const reference = referenceCrc32(Buffer.concat([a, b]));
        expect(crc32(Buffer.concat([a, b]))).toBe(reference);
        expect(crc32(b, crc32(a))).toBe(reference);
        expect(native(b, native(a, 0))).toBe(reference);
      }),
    );
  });

  it.runIf(haveTool('python'))('matches the bytes of every entry, as python checks them', async () => {
    const path = join(tempDir(), 'crc.zip');
    writeFileSync(path, await zipOf(false));
    const script = 'import sys, zipfile\nprint(zipfile.ZipFile(sys.argv[1]).testzip())';
    expect(execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' }).trim()).toBe('None');
  });
});

/** CRC-32 (IEEE 802.3), bit by bit: the definition, independent of both implementations. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
