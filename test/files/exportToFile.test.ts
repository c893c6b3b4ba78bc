import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportToFile, toCsv } from '../../src/index.js';
import { countingSource, sleep } from '../helpers/streams.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rowport-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exportToFile', () => {
  it('writes the file and reports path, bytes, rows and duration', async () => {
    const path = join(dir, 'out.csv');
    const summary = await exportToFile(toCsv([{ a: 1 }, { a: 2 }]), path);
    expect(summary).toMatchObject({ path, bytes: 12, rows: 2 });
    expect(summary.durationMs).toBeGreaterThanOrEqual(0);
    expect(await readFile(path, 'utf8')).toBe('\uFEFFa\r\n1\r\n2\r\n');
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it('counts rows through gzip too', async () => {
    const summary = await exportToFile(toCsv([{ a: 1 }], { gzip: true }), join(dir, 'out.csv.gz'));
    expect(summary.rows).toBe(1);
  });

  it('reports 0 rows for a stream rowport did not make', async () => {
    const s = new PassThrough();
    s.end('hello');
    expect(await exportToFile(s, join(dir, 'x.txt'))).toMatchObject({ bytes: 5, rows: 0 });
  });

  it('leaves no file, temp or final, when the source fails midway, and keeps an older file intact', async () => {
    const path = join(dir, 'out.csv');
    await exportToFile(toCsv([{ old: 1 }]), path);
    async function* rows() {
      for (let i = 0; i < 5000; i++) yield { i, pad: 'z'.repeat(50) };
      throw new Error('db gone');
    }
    await expect(exportToFile(toCsv(rows()), path)).rejects.toMatchObject({ code: 'ROWPORT_SOURCE_FAILED' });
    expect(await readdir(dir)).toEqual(['out.csv']);
    expect(await readFile(path, 'utf8')).toBe('\uFEFFold\r\n1\r\n');
  });

  it('leaves no file when aborted, closes the source, and throws ROWPORT_ABORTED', async () => {
    const { iterable, state } = countingSource((i) => ({ i, pad: 'q'.repeat(100) }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(exportToFile(toCsv(iterable), join(dir, 'big.csv'), { signal: controller.signal })).rejects.toMatchObject({ code: 'ROWPORT_ABORTED' });
    await sleep(20);
    expect(state.returned).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('throws ROWPORT_ABORTED at once for an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(exportToFile(toCsv([{ a: 1 }]), join(dir, 'a.csv'), { signal: controller.signal })).rejects.toMatchObject({ code: 'ROWPORT_ABORTED' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails with ROWPORT_WRITE_FAILED and the cause when the folder does not exist', async () => {
    const error = await exportToFile(toCsv([{ a: 1 }]), join(dir, 'missing', 'a.csv')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_WRITE_FAILED' });
    expect((error as Error & { cause: { code: string } }).cause.code).toBe('ENOENT');
  });
});
