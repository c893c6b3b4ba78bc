import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyLoads } from '../../../src/base/lazy.js';
import { ZipWriter } from '../../../src/xlsx/package/zip.js';
import { readAll } from '../../helpers/streams.js';
import { PYTHON, haveTool } from '../../helpers/tools.js';
import { unzip } from '../../helpers/unzip.js';
import { removeTempDirs, tempDir } from '../../helpers/xlsx.js';

afterEach(removeTempDirs);

async function zipOf(forceZip64: boolean, mtime = new Date(Date.UTC(1980, 0, 1))) {
  const zip = new ZipWriter(mtime, 6, forceZip64);
  await lazyLoads(); // yazl is imported when the first writer is made; the writers' streams wait the same way
  const done = readAll(zip.output);
  const entry = zip.openEntry('big.xml');
  for (let i = 0; i < 50; i++) await entry.write(`<row r="${i}">${'x'.repeat(2000)}</row>`);
  entry.end();
  zip.addBuffer('small.xml', '<a/>');
  zip.end();
  return done;
}

describe('ZipWriter', () => {
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
  it('yazl computes it natively once a workbook starts, with the same results as buffer-crc32', async () => {
    const crc32 = createRequire(createRequire(import.meta.url).resolve('yazl'))('buffer-crc32') as {
      unsigned(input: string | Buffer, partial?: number): number;
    };
    const zip = new ZipWriter(new Date(0), 3);
    await lazyLoads();
    zip.addBuffer('a.txt', 'a');
    zip.end();
    await readAll(zip.output);
    expect((crc32.unsigned as { native?: boolean }).native).toBe(true);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const reference = referenceCrc32(Buffer.concat([a, b]));
        expect(crc32.unsigned(Buffer.concat([a, b]))).toBe(reference);
        expect(crc32.unsigned(Buffer.from(b), crc32.unsigned(Buffer.from(a)))).toBe(reference); // running, as yazl calls it
      }),
    );
    expect(crc32.unsigned('héllo')).toBe(referenceCrc32(Buffer.from('héllo')));
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
