import { getEventListeners } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type ProgressInfo, exportToFile, isRowportError, toXlsx } from '../../src/index.js';
import { countingSource, readAll, untilStable } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';
import { tempDir } from '../helpers/tempDir.js';

/** Reads a stream, recording chunks and whether any came after the error. */
async function drain(stream: NodeJS.ReadableStream & { destroyed: boolean }) {
  const chunks: Buffer[] = [];
  let error: unknown;
  let afterError = 0;
  await new Promise<void>((resolve) => {
    stream.on('data', (c: Buffer) => (error === undefined ? chunks.push(c) : afterError++));
    stream.on('error', (e) => {
      error = e;
      resolve();
    });
    stream.on('end', () => resolve());
  });
  return { chunks, error, afterError };
}

const row = (i: number) => ({ id: i, name: `student ${i}`, score: (i % 100) / 100 });

describe('toXlsx faults', () => {
  it('wraps an error thrown by the source as ROWPORT_SOURCE_FAILED, keeping it as the cause', async () => {
    const boom = new Error('cursor lost');
    async function* rows() {
      for (let i = 0; i < 5000; i++) yield row(i);
      throw boom;
    }
    const { error, afterError } = await drain(toXlsx(rows()));
    expect(error).toMatchObject({ code: 'ROWPORT_SOURCE_FAILED', row: 5000 });
    expect((error as Error).cause).toBe(boom);
    expect(afterError).toBe(0);
  });

  it('fails on a bad value naming row and column, and closes the source once', async () => {
    const { iterable, state } = countingSource((i) => (i === 700 ? { ...row(i), name: () => 'x' } : row(i)), 5000);
    const { error } = await drain(toXlsx(iterable));
    expect(isRowportError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 700, column: 'name' });
    expect(state.returned).toBe(1);
  });

  it('fails on a row that is not an object, naming the row', async () => {
    await expect(readAll(toXlsx([row(0), 'nope'] as never))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
  });

  it('keeps a computed column’s error as the cause', async () => {
    const boom = new Error('bad');
    const error = await readAll(
      toXlsx([{ a: 1 }, { a: 2 }], {
        columns: [
          {
            key: 'x',
            value: (_r: unknown, i: number) => {
              if (i === 1) throw boom;
              return i;
            },
          },
        ],
      }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'x' });
    expect((error as Error).cause).toBe(boom);
  });

  it('fails with ROWPORT_MAX_ROWS past maxRows, and closes the source', async () => {
    const { iterable, state } = countingSource(row, 1000);
    await expect(readAll(toXlsx(iterable, { maxRows: 100 }))).rejects.toMatchObject({ code: 'ROWPORT_MAX_ROWS', row: 100 });
    expect(state.returned).toBe(1);
  });

  it('accepts exactly maxRows rows', async () => {
    const zip = await readAll(
      toXlsx(
        Array.from({ length: 100 }, (_, i) => row(i)),
        { maxRows: 100 },
      ),
    );
    expect(parts(zip)['xl/worksheets/sheet1.xml']).toContain('<row r="101">');
  });

  describe('abort', () => {
    it('fails at once when the signal is already aborted, without reading the source', async () => {
      const controller = new AbortController();
      controller.abort(new Error('user cancelled'));
      const { iterable, state } = countingSource(row);
      const { error, chunks } = await drain(toXlsx(iterable, { signal: controller.signal }));
      expect(error).toMatchObject({ code: 'ROWPORT_ABORTED' });
      expect(chunks).toHaveLength(0);
      expect(state.returned).toBeLessThanOrEqual(1);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    });

    it('aborts during the export, closes the source once and removes its listener', async () => {
      const controller = new AbortController();
      const { iterable, state } = countingSource((i) => {
        if (i === 3000) controller.abort(new Error('stop'));
        return row(i);
      });
      const { error, afterError } = await drain(toXlsx(iterable, { signal: controller.signal }));
      expect(error).toMatchObject({ code: 'ROWPORT_ABORTED' });
      expect((error as Error).cause).toEqual(new Error('stop'));
      await vi.waitFor(() => expect(state.returned).toBe(1));
      expect(afterError).toBe(0);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    });

    it('removes its abort listener after a successful export', async () => {
      const controller = new AbortController();
      await readAll(toXlsx([row(1)], { signal: controller.signal }));
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    });
  });

  describe('early destroy by the consumer', () => {
    it('calls the source’s return() exactly once', async () => {
      const { iterable, state } = countingSource(row);
      const stream = toXlsx(iterable);
      await new Promise<void>((resolve) => stream.once('data', () => resolve()));
      stream.destroy();
      await vi.waitFor(() => expect(state.returned).toBe(1));
    });

    it('stops reading the source while nobody reads (backpressure)', async () => {
      const { iterable, state } = countingSource(row);
      const stream = toXlsx(iterable);
      await new Promise<void>((resolve) => stream.once('readable', () => resolve()));
      // Wait until the source is no longer pulled (the buffers are full).
      expect(await untilStable(() => state.pulled, { interval: 50 })).toBeLessThan(100_000); // an unbounded writer would have read millions
      stream.destroy();
      await vi.waitFor(() => expect(state.returned).toBe(1));
    });
  });

  it('sends bytes before the source ends', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let ended = false;
    async function* rows() {
      for (let i = 0; i < 60_000; i++) yield row(i);
      await gate;
      ended = true;
    }
    const stream = toXlsx(rows());
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    expect(first.length).toBeGreaterThan(0);
    expect(ended).toBe(false);
    release();
    await readAll(stream);
    expect(ended).toBe(true);
  });

  describe('progress', () => {
    it('reports rows, bytes and the sheet, with a final call', async () => {
      const reports: ProgressInfo[] = [];
      const rows = Array.from({ length: 2000 }, (_, i) => row(i));
      await readAll(toXlsx(rows, { sheetName: 'Scores', total: 2000, onProgress: (p) => reports.push(p), progressInterval: 0 }));
      expect(reports.length).toBeGreaterThan(1);
      const last = reports.at(-1) as ProgressInfo;
      expect(last).toMatchObject({ rows: 2000, total: 2000, percent: 100, sheet: 'Scores', sheetRows: 2000 });
      expect(last.bytes).toBeGreaterThan(0);
    });
  });

  describe('exportToFile', () => {
    it('writes the workbook and reports its rows', async () => {
      const dir = tempDir('rowport-xlsx-file-').dir;
      const summary = await exportToFile(toXlsx(Array.from({ length: 10 }, (_, i) => row(i))), join(dir, 'out.xlsx'));
      expect(summary).toMatchObject({ rows: 10 });
      expect(existsSync(join(dir, 'out.xlsx'))).toBe(true);
    });

    it('leaves no file, partial or temp, when the export fails', async () => {
      const dir = tempDir('rowport-xlsx-file-').dir;
      async function* rows() {
        for (let i = 0; i < 20_000; i++) yield row(i);
        throw new Error('gone');
      }
      await expect(exportToFile(toXlsx(rows()), join(dir, 'out.xlsx'))).rejects.toMatchObject({ code: 'ROWPORT_SOURCE_FAILED' });
      expect(readdirSync(dir)).toEqual([]);
    });
  });
});
