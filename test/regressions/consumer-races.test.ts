// One stream read by two consumers at once split its chunks between them: two exportToFile calls both
// resolved with rows: 50000 over files of 29,675 and 20,324 rows; one row source given to two writers did the same (#18).
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportToFile, formatDates, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { deferred, readAll, readText } from '../helpers/streams.js';
import { tempDir } from '../helpers/tempDir.js';

const ROWS = 50_000;
const rows = () => Array.from({ length: ROWS }, (_, i) => ({ i, text: 'x'.repeat(20) }));
const lineCount = async (path: string) => (await readFile(path, 'utf8')).split('\r\n').length - 2; // minus header and the last ''
const invalidOption = expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' });
const invalidSource = expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE' });

let dir: string;
beforeEach(async () => {
  dir = tempDir('rowport-races-').dir;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('one byte stream, two readers', () => {
  it('a second exportToFile of the same stream is refused; the first writes every row', async () => {
    const stream = toCsv(rows());
    const first = exportToFile(stream, join(dir, 'a.csv'));
    await expect(exportToFile(stream, join(dir, 'b.csv'))).rejects.toEqual(invalidOption);
    expect(await first).toMatchObject({ rows: ROWS });
    expect(await lineCount(join(dir, 'a.csv'))).toBe(ROWS);
    expect(await readdir(dir)).toEqual(['a.csv']);
  });

  it('a pipe already attached (paused by a full destination) is refused', async () => {
    const stream = toCsv(rows());
    const full = new Writable({ highWaterMark: 1, write: () => undefined }); // never calls back: stays full
    full.write('x');
    stream.pipe(full);
    await expect(exportToFile(stream, join(dir, 'c.csv'))).rejects.toEqual(invalidOption);
    expect(await readdir(dir)).toEqual([]);
    stream.destroy();
  });

  it('a for await in progress is refused, and the loop still gets every byte', async () => {
    const { promise: reading, resolve: startReading } = deferred();
    const { promise: gate, resolve: open } = deferred();
    async function* slow() {
      startReading();
      await gate; // no row until exportToFile has been refused
      yield* rows();
    }
    const stream = toCsv(slow());
    const loop = readText(stream);
    await reading; // the loop waits for the first chunk
    await expect(exportToFile(stream, join(dir, 'd.csv'))).rejects.toEqual(invalidOption);
    open();
    expect((await loop).split('\r\n').length - 2).toBe(ROWS);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a reader that starts while the file is being opened makes exportToFile fail, not write part of the rows', async () => {
    const stream = toCsv(rows());
    const exporting = exportToFile(stream, join(dir, 'e.csv'));
    const loop = readText(stream); // starts before exportToFile's first read (it awaits the file system first)
    await expect(exporting).rejects.toEqual(invalidOption);
    expect((await loop).split('\r\n').length - 2).toBe(ROWS);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a second async iterator started during the export fails it rather than splitting the chunks', async () => {
    const { promise: midway, resolve: reachMidway } = deferred();
    async function* slowRows() {
      for (let i = 0; i < ROWS; i++) {
        if (i === ROWS / 5) reachMidway(); // exportToFile has written chunks by now
        if (i % 5000 === 0) await new Promise((resolve) => setTimeout(resolve, 5)); // a source that waits for its database
        yield { i, text: 'x'.repeat(20) };
      }
    }
    const stream = toCsv(slowRows());
    const exporting = exportToFile(stream, join(dir, 'f.csv'));
    await midway;
    const other = readAll(stream).catch((error: unknown) => error);
    await expect(exporting).rejects.toEqual(invalidOption);
    await other;
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('one row source, two rowport calls', () => {
  it('a generator given to a second writer is refused at the call', async () => {
    function* gen() {
      yield* rows();
    }
    const source = gen();
    const first = toCsv(source);
    expect(() => toCsv(source)).toThrow(invalidSource);
    expect(() => toXlsx(source)).toThrow(invalidSource);
    expect(() => selectColumns(source, ['i'])).toThrow(invalidSource);
    expect(() => formatDates(source, 'iso')).toThrow(invalidSource);
    expect(() => toWorkbook([{ name: 'a', rows: source }])).toThrow(invalidSource);
    expect((await readText(first)).split('\r\n').length - 2).toBe(ROWS);
    // and after the first export ended too: the generator is spent, its rows would be missing
    expect(() => toCsv(source)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE', message: expect.stringMatching(/once/) }));
  });

  it('an object-mode Readable given to two writers at once is refused at the second call', async () => {
    const source = Readable.from(rows());
    const first = exportToFile(toCsv(source), join(dir, 'g.csv'));
    expect(() => toXlsx(source)).toThrow(invalidSource);
    expect(await first).toMatchObject({ rows: ROWS });
    expect(await lineCount(join(dir, 'g.csv'))).toBe(ROWS);
  });

  it('an object-mode Readable that something else reads is refused', async () => {
    const piped = Readable.from(rows());
    piped.pipe(new Writable({ objectMode: true, highWaterMark: 1, write: () => undefined }));
    expect(() => toCsv(piped)).toThrow(invalidSource);
    piped.destroy();
    const listened = Readable.from(rows());
    listened.on('readable', () => undefined);
    expect(() => toCsv(listened)).toThrow(invalidSource);
    listened.destroy();
  });

  it('a second for await on an object-mode Readable during the export fails it, not drops rows', async () => {
    const source = Readable.from(rows(), { highWaterMark: 16 });
    const csv = toCsv(source);
    const iterator = csv[Symbol.asyncIterator]();
    await iterator.next(); // the writer has read its first batches
    const other = (async () => {
      for await (const _ of source);
    })().catch(() => undefined);
    await expect(
      (async () => {
        for (;;) if ((await iterator.next()).done) return;
      })(),
    ).rejects.toMatchObject({ code: 'ROWPORT_INVALID_SOURCE', row: expect.any(Number) });
    await other;
  });

  it('the same sheet source twice in one workbook is refused', () => {
    const source = Readable.from(rows());
    expect(() =>
      toWorkbook([
        { name: 'a', rows: source },
        { name: 'b', rows: source },
      ]),
    ).toThrow(invalidSource);
  });

  it("a helper's result read by a for await and a writer at once fails, instead of splitting the rows", async () => {
    const selected = selectColumns(rows(), ['i']);
    const iterator = selected[Symbol.asyncIterator]();
    await iterator.next();
    expect(() => toCsv(selected)).toThrow(invalidSource);
    await iterator.return?.();
    const formatted = formatDates(rows(), 'iso');
    const writing = readText(toCsv(formatted));
    await expect(
      (async () => {
        for await (const _ of formatted);
      })(),
    ).rejects.toEqual(invalidSource);
    expect((await writing).split('\r\n').length - 2).toBe(ROWS);
  });

  it('a reader attached to an object-mode Readable after the writer was made fails the export, not drops rows', async () => {
    const source = Readable.from(rows());
    const csv = toCsv(source);
    source.on('data', () => undefined);
    await expect(readAll(csv)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_SOURCE', row: 0 });
  });

  it('arrays and other re-iterable sources may be given to any number of calls', async () => {
    const array = [{ a: 1 }, { a: 2 }];
    const set = new Set(array);
    const [x, y, z] = await Promise.all([readText(toCsv(array)), readText(toCsv(array)), readText(toCsv(set))]);
    expect(x).toBe(y);
    expect(z).toBe(x);
  });
});
