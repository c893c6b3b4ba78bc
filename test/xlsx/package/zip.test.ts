import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ZipWriter } from '../../../src/xlsx/package/zip.js';
import { readAll } from '../../helpers/streams.js';
import { PYTHON, haveTool } from '../../helpers/tools.js';
import { unzip } from '../../helpers/unzip.js';
import { removeTempDirs, tempDir } from '../../helpers/xlsx.js';

afterEach(removeTempDirs);

async function zipOf(forceZip64: boolean, mtime = new Date(Date.UTC(1980, 0, 1))) {
  const zip = new ZipWriter(mtime, 6, forceZip64);
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
