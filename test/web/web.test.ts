import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import * as node from '../../src/index.js';
import * as web from '../../src/web/index.js';
import { RowReader } from '../../src/sources/rowReader.js';
import { streamWorkbook } from '../../src/node/streamWorkbook.js';
import { byteStream } from '../../src/web/byteStream.js';
import { WEB } from '../../src/web/platform.js';
import { resolveXlsxOptions } from '../../src/xlsx/resolve/options.js';
import { workbookSource } from '../../src/xlsx/streamWorkbook.js';
import { countingSource, readAll } from '../helpers/streams.js';
import { unzip } from '../helpers/unzip.js';
import { haveTool, python } from '../helpers/tools.js';
import { removeTempDirs, tempDir } from '../helpers/xlsx.js';

// rowport/web on Node: the same text and the same zip records as the Node entry, pulled, cancellable.
afterAll(removeTempDirs);

const rows = Array.from({ length: 3000 }, (_, i) => ({
  id: i,
  name: i % 7 === 0 ? `Zoë "${i}", 東京` : `name ${i}`,
  score: i / 7,
  day: new Date(Date.UTC(2024, 0, 1 + (i % 366))),
  big: 2n ** 64n + BigInt(i),
}));
const FEATURES = {
  title: 'Scores',
  subtitle: 'Term 1',
  table: true,
  charts: [{ type: 'column' as const, title: 'Score', categories: 'name', series: ['score'] }],
};

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe('rowport/web toCsv', () => {
  it.each(['utf-8', 'utf-16le', 'utf-16be'])('writes the bytes the Node entry writes in %s', async (encoding) => {
    const options = { encoding, columns: ['id', 'name', 'score', { key: 'day', type: 'date' as const }, 'big'] };
    expect((await bytesOf(web.toCsv(rows, options))).equals(await readAll(node.toCsv(rows, options)))).toBe(true);
  });

  it('gzips through CompressionStream', async () => {
    const zipped = await bytesOf(web.toCsv(rows, { gzip: true }));
    expect(gunzipSync(zipped).equals(await readAll(node.toCsv(rows)))).toBe(true);
  });

  it('refuses a legacy encoding and zlib options at the call', () => {
    expect(() => web.toCsv(rows, { encoding: 'windows-1251' })).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('rowport/web') }),
    );
    expect(() => web.toCsv(rows, { gzip: { level: 9 } } as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    expect(() => web.fromCsv(new Uint8Array(0), { encoding: 'shift_jis' })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });

  it('is pulled: nothing is read before the first read, and a paused reader stops the source', async () => {
    const { iterable, state } = countingSource((i) => ({ i, text: 'x'.repeat(100) }));
    const reader = web.toCsv(iterable).getReader();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.pulled).toBe(0);
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = state.pulled;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.pulled).toBe(after); // no read, no rows
    expect(after).toBeLessThan(5000); // one chunk of ~64 Ki characters, plus a batch
    await reader.cancel();
    expect(state.returned).toBe(1);
  });

  it('cancel() closes the source once, mid-stream', async () => {
    for (const make of [web.toCsv, web.toXlsx] as const) {
      const { iterable, state } = countingSource((i) => ({ i, text: `row ${i}` }));
      const reader = make(iterable).getReader();
      await reader.read();
      await reader.cancel('client went away');
      expect(state.returned).toBe(1);
    }
  });

  it('an abort errors the stream with ROWPORT_ABORTED and closes the source', async () => {
    const controller = new AbortController();
    const { iterable, state } = countingSource((i) => ({ i }));
    const reader = web.toXlsx(iterable, { signal: controller.signal }).getReader();
    await reader.read();
    controller.abort(new Error('stop'));
    await expect(reader.read()).rejects.toMatchObject({ code: 'ROWPORT_ABORTED' });
    expect(state.returned).toBe(1);
  });

  it('a failing source errors the stream with a RowportError naming the row', async () => {
    async function* failing() {
      yield { a: 1 };
      throw new Error('db down');
    }
    await expect(bytesOf(web.toCsv(failing()))).rejects.toMatchObject({ code: 'ROWPORT_SOURCE_FAILED' });
    await expect(bytesOf(web.toXlsx(failing()))).rejects.toMatchObject({ code: 'ROWPORT_SOURCE_FAILED' });
  });

  it('reports progress with a final call', async () => {
    const seen: node.ProgressInfo[] = [];
    const bytes = await bytesOf(web.toXlsx(rows, { total: rows.length, onProgress: (p) => seen.push(p) }));
    expect(seen.at(-1)).toMatchObject({ rows: rows.length, bytes: bytes.length, percent: 100 });
  });
});

describe('rowport/web XLSX', () => {
  it('stored (compressionLevel 0), is byte for byte the Node entry’s file', async () => {
    const options = { ...FEATURES, compressionLevel: 0 };
    expect((await bytesOf(web.toXlsx(rows, options))).equals(await readAll(node.toXlsx(rows, options)))).toBe(true);
    const sheets = [
      { name: 'A', rows, ...FEATURES },
      { name: 'B', rows: rows.slice(0, 10) },
    ];
    expect((await bytesOf(web.toWorkbook(sheets, { compressionLevel: 0 }))).equals(await readAll(node.toWorkbook(sheets, { compressionLevel: 0 })))).toBe(true);
  });

  it.runIf(haveTool('openpyxl'))('deflated, holds the Node entry’s parts and CRCs, and openpyxl reads it', async () => {
    const dir = tempDir();
    const [w, n] = [join(dir, 'web.xlsx'), join(dir, 'node.xlsx')];
    writeFileSync(w, await bytesOf(web.toXlsx(rows, FEATURES)));
    writeFileSync(n, await readAll(node.toXlsx(rows, FEATURES)));
    const out = python<{ same: boolean; parts: number; bad: string | null; title: string; rows: number; tables: string[]; charts: number; a1: unknown }>(
      `
import json, sys, zipfile, openpyxl
w, n = sys.argv[1], sys.argv[2]
a, b = zipfile.ZipFile(w), zipfile.ZipFile(n)
info = lambda z: [(i.filename, i.CRC, i.file_size) for i in z.infolist()]
ws = openpyxl.load_workbook(w).active
print(json.dumps({'same': info(a) == info(b) and all(a.read(x) == b.read(x) for x in a.namelist()), 'parts': len(a.namelist()),
  'bad': a.testzip(), 'title': ws.title, 'rows': ws.max_row, 'tables': list(ws.tables.keys()), 'charts': len(ws._charts), 'a1': ws['A1'].value}))
`,
      null,
      [w, n],
    );
    expect(out).toMatchObject({ same: true, bad: null, rows: rows.length + 4, charts: 1, a1: 'Scores' });
    expect(out.tables).toHaveLength(1);
  });
});

describe('rowport/web fromCsv', () => {
  it('reads a byte ReadableStream as the Node entry reads the same bytes, and cancels it on break', async () => {
    const csv = await readAll(node.toCsv(rows));
    const expected: Record<string, string>[] = [];
    for await (const row of node.fromCsv(csv)) expected.push(row);
    let cancelled = 0;
    const stream = () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= csv.length) return controller.close();
          controller.enqueue(new Uint8Array(csv.subarray(at, at + 1000)));
          at += 1000;
        },
        cancel() {
          cancelled++;
        },
      });
    };
    const got: Record<string, string>[] = [];
    for await (const row of web.fromCsv(stream())) got.push(row);
    expect(got).toEqual(expected);
    for await (const _row of web.fromCsv(stream())) break;
    expect(cancelled).toBe(1);
  });
});

describe('rowport/web zip64', () => {
  it.runIf(haveTool('python'))('writes the zip64 records the Node entry writes (identical when stored) and python reads them', async () => {
    const job = (compressionLevel: number) => {
      const options = { sheetName: 'Big', compressionLevel };
      const { names, look, sheet } = resolveXlsxOptions(options);
      return {
        sheets: [{ sheet, reader: new RowReader<unknown>(rows.slice(0, 50)) }],
        ...{ names, look, signal: undefined, onProgress: undefined, progressInterval: 200, total: undefined, forceZip64: true },
      };
    };
    const stored = await bytesOf(byteStream(workbookSource(job(0), WEB)));
    expect(stored.equals(await readAll(streamWorkbook(job(0))))).toBe(true);
    const deflated = await bytesOf(byteStream(workbookSource(job(6), WEB)));
    expect(unzip(deflated).every((e) => e.zip64 && e.versionNeeded === 45)).toBe(true);
    const dir = tempDir();
    writeFileSync(join(dir, 'z.xlsx'), deflated);
    const out = python<{ bad: string | null; count: number }>(
      'import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({"bad": z.testzip(), "count": len(z.namelist())}))',
      null,
      [join(dir, 'z.xlsx')],
    );
    expect(out).toEqual({ bad: null, count: unzip(deflated).length });
  });
});
