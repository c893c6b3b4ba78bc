// exportToFile(s, 'dir/exports/') wrote a file named `exports`; names of 238-255 bytes failed because
// the temp name added 18 bytes; a write to /proc/x.csv blamed a missing folder (#18).
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportToFile, toCsv } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';

let dir: string;
beforeEach(async () => {
  dir = tempDir('rowport-paths-').dir;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exportToFile paths', () => {
  it.each(['exports/', 'exports//'])('refuses a path ending with a separator (%s), before touching anything', async (end) => {
    await expect(exportToFile(toCsv([{ a: 1 }]), join(dir, end) + (end.endsWith('//') ? '/' : ''), { mkdir: true })).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_OPTION',
    });
    await expect(exportToFile(toCsv([{ a: 1 }]), `${dir}/${end}`)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([238, 250, 255])('writes a name of %i bytes, the temp name kept within the limit', async (bytes) => {
    const name = `${'é'.repeat((bytes - 4) >> 1)}${'a'.repeat((bytes - 4) & 1)}.csv`;
    expect(Buffer.byteLength(name)).toBe(bytes);
    const summary = await exportToFile(toCsv([{ a: 1 }]), join(dir, name));
    expect(summary.rows).toBe(1);
    expect(await readdir(dir)).toEqual([name]);
    expect(await readFile(join(dir, name), 'utf8')).toBe('\uFEFFa\r\n1\r\n');
  });

  it('names the real error of a folder that exists but takes no new file', async () => {
    const error = await exportToFile(toCsv([{ a: 1 }]), '/proc/x.csv').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_WRITE_FAILED' });
    expect((error as Error).message).not.toMatch(/does not exist/);
    expect((error as Error).message).toMatch(/E[A-Z]+/);
    expect((error as { cause?: { code?: string } }).cause?.code).toMatch(/^E[A-Z]+$/);
  });

  it('still says so when the folder is missing', async () => {
    const error = await exportToFile(toCsv([{ a: 1 }]), join(dir, 'missing', 'x.csv')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_WRITE_FAILED', cause: { code: 'ENOENT' } });
    expect((error as Error).message).toMatch(/does not exist/);
  });
});

describe('rowport -o with a trailing separator', () => {
  it('is a usage error, and writes nothing', async () => {
    const { PassThrough } = await import('node:stream');
    const { runCli } = await import('../../src/cli/main.js');
    const stdin = new PassThrough();
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (c: Buffer) => (said += c.toString()));
    stdin.end('[{"a":1}]');
    const code = await runCli(['--to', 'csv', '-o', `${dir}/exports/`], { stdin, stdout: new PassThrough(), stderr });
    expect(code).toBe(2);
    expect(said).toMatch(/folder/);
    expect(await readdir(dir)).toEqual([]);
  });
});
