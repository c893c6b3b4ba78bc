import { getEventListeners } from 'node:events';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it, vi } from 'vitest';
import { type ProgressInfo, RowportError, isRowportError, toCsv } from '../../src/index.js';
import { countingSource, readAll, readText, untilStable } from '../helpers/streams.js';

const BOM = '\uFEFF';
const csv = async (rows: unknown, options: object = {}) => readText(toCsv(rows as never, options));

describe('toCsv', () => {
  it('writes a BOM, a header from the first row and CRLF rows', async () => {
    expect(
      await csv([
        { id: 1, name: 'Ada' },
        { id: 2, name: 'Grace' },
      ]),
    ).toBe(`${BOM}id,name\r\n1,Ada\r\n2,Grace\r\n`);
  });

  it('ignores keys that appear only in later rows and leaves missing ones empty', async () => {
    expect(
      await csv([
        { a: 1, b: 2 },
        { b: 3, c: 4 },
      ]),
    ).toBe(`${BOM}a,b\r\n1,2\r\n,3\r\n`);
  });

  it('writes the header line alone for an empty source with columns', async () => {
    expect(await csv([], { columns: ['id', 'name'] })).toBe(`${BOM}id,name\r\n`);
  });

  it('writes nothing for an empty source without columns', async () => {
    expect(await csv([])).toBe('');
  });

  it('reads array rows by position, with no header unless columns name them', async () => {
    expect(
      await csv([
        [1, 'a'],
        [2, 'b'],
      ]),
    ).toBe(`${BOM}1,a\r\n2,b\r\n`);
    expect(await csv([[1, 'a', 'x']], { columns: [{ key: '2', header: 'third' }, 'first'] }) /* 'first' is not an index: it reads its own position, 1 */).toBe(
      `${BOM}third,first\r\nx,a\r\n`,
    );
  });

  describe('sources', () => {
    it.each([
      [
        'a generator',
        (function* gen() {
          yield { a: 1 };
          yield { a: 2 };
        })(),
      ],
      [
        'an async generator',
        (async function* gen() {
          yield { a: 1 };
          yield { a: 2 };
        })(),
      ],
      ['an object-mode Readable', Readable.from([{ a: 1 }, { a: 2 }])],
      [
        'a ReadableStream',
        new ReadableStream({
          start(c) {
            c.enqueue({ a: 1 });
            c.enqueue({ a: 2 });
            c.close();
          },
        }),
      ],
      ['a Set', new Set([{ a: 1 }, { a: 2 }])],
    ])('reads %s', async (_name, rows) => {
      expect(await csv(rows)).toBe(`${BOM}a\r\n1\r\n2\r\n`);
    });

    it.each([null, undefined, 42, 'a,b', { a: 1 }, Buffer.from('x')])('rejects %s at once with ROWPORT_INVALID_SOURCE', (rows) => {
      expect(() => toCsv(rows as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE' }));
    });

    it('fails on a row that is not an object or array, naming the row', async () => {
      await expect(csv([{ a: 1 }, 5])).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
    });
  });

  describe('columns', () => {
    const rows = [{ id: 7, student: { name: 'Ada', class: { id: 'c1' } }, score: 0.5 }];

    it('selects, orders and renames columns, reading dot paths', async () => {
      const out = await csv(rows, { columns: ['score', { key: 'student.name', header: 'Name' }, 'student.class.id'] });
      expect(out).toBe(`${BOM}score,Name,student.class.id\r\n0.5,Ada,c1\r\n`);
    });

    it('computes a column with value(row, index)', async () => {
      const out = await csv(rows, { columns: [{ key: 'label', value: (r: (typeof rows)[0], i: number) => `${i}:${r.student.name}` }] });
      expect(out).toBe(`${BOM}label\r\n0:Ada\r\n`);
    });

    it('prefers a literal dotted key over a path when the row has it', async () => {
      expect(await csv([{ 'a.b': 1, a: { b: 2 } }], { columns: ['a.b'] })).toBe(`${BOM}a.b\r\n1\r\n`);
    });

    it('wraps a throwing computed column as ROWPORT_INVALID_VALUE with row, column and cause', async () => {
      const boom = new Error('boom');
      const error = await csv([{ a: 1 }, { a: 2 }], {
        columns: [
          {
            key: 'x',
            value: (_r: unknown, i: number) => {
              if (i === 1) throw boom;
              return i;
            },
          },
        ],
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'x' });
      expect((error as Error).cause).toBe(boom);
    });

    it.each([
      [[''], 'empty key'],
      [[{ key: 1 }], 'numeric key'],
      [['a', 'a'], 'duplicate key'],
      [[{ key: 'a', type: 'money' }], 'unknown type'],
      [[{ key: 'a', value: 'x' }], 'value not a function'],
      ['a,b', 'not an array'],
    ])('rejects %j (%s) with ROWPORT_INVALID_OPTION', (columns, _why) => {
      expect(() => toCsv([], { columns } as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });
  });

  describe('values', () => {
    it('renders null/undefined empty, booleans, bigints exactly, non-finite numbers as text and objects as JSON', async () => {
      const out = await csv([
        { n: null, u: undefined, t: true, f: false, big: 12345678901234567890123n, nan: NaN, inf: -Infinity, z: -0, obj: { a: [1, 2n] } },
      ]);
      expect(out).toBe(`${BOM}n,u,t,f,big,nan,inf,z,obj\r\n,,true,false,12345678901234567890123,NaN,-Infinity,0,"{""a"":[1,""2""]}"\r\n`);
    });

    it.each([[() => 1], [Symbol('s')]])('fails on %s with the row and column', async (value) => {
      await expect(
        csv([
          { a: 1, b: 1 },
          { a: 1, b: value },
        ]),
      ).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'b' });
    });

    it('fails on a circular object with ROWPORT_INVALID_VALUE', async () => {
      const o: Record<string, unknown> = {};
      o.self = o;
      await expect(csv([{ o }])).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 0, column: 'o' });
    });
  });

  describe('dates', () => {
    const at = new Date(Date.UTC(2024, 0, 15, 23, 30, 5));

    it('renders Date values with dateFormat in UTC by default', async () => {
      expect(await csv([{ at }])).toBe(`${BOM}at\r\n2024-01-15\r\n`);
      expect(await csv([{ at }], { dateFormat: 'full' })).toBe(`${BOM}at\r\n2024-01-15 23:30:05\r\n`);
      expect(await csv([{ at }], { dateFormat: 'us' })).toBe(`${BOM}at\r\n01/15/2024\r\n`);
      expect(await csv([{ at }], { dateFormat: 'eu' })).toBe(`${BOM}at\r\n15.01.2024\r\n`);
      expect(await csv([{ at }], { dateFormat: "d MMM yyyy 'at' HH:mm" })).toBe(`${BOM}at\r\n15 Jan 2024 at 23:30\r\n`);
    });

    it('renders in timeZone', async () => {
      expect(await csv([{ at }], { dateFormat: 'full', timeZone: 'Asia/Tokyo' })).toBe(`${BOM}at\r\n2024-01-16 08:30:05\r\n`);
    });

    it('adds the time to presets in datetime columns', async () => {
      expect(await csv([{ at }], { columns: [{ key: 'at', type: 'datetime' }], dateFormat: 'eu' })).toBe(`${BOM}at\r\n15.01.2024 23:30:05\r\n`);
    });

    it('never shifts a YYYY-MM-DD string in a date column, whatever the zone', async () => {
      const out = await csv([{ d: '2024-03-01' }, { d: null }], { columns: [{ key: 'd', type: 'date' }], timeZone: 'Pacific/Honolulu', dateFormat: 'us' });
      expect(out).toBe(`${BOM}d\r\n03/01/2024\r\n""\r\n`);
    });

    it('takes epoch ms in a date column', async () => {
      expect(await csv([{ d: at.getTime() }], { columns: [{ key: 'd', type: 'date' }] })).toBe(`${BOM}d\r\n2024-01-15\r\n`);
    });

    it.each([new Date(Number.NaN), '2024-02-30', 'yesterday'])('fails on %s with ROWPORT_INVALID_DATE', async (d) => {
      await expect(csv([{ d: new Date(0) }, { d }], { columns: [{ key: 'd', type: 'date' }] })).rejects.toMatchObject({
        code: 'ROWPORT_INVALID_DATE',
        row: 1,
        column: 'd',
      });
    });

    it('fails on an invalid Date in an untyped column', async () => {
      await expect(csv([{ d: new Date('x') }])).rejects.toMatchObject({ code: 'ROWPORT_INVALID_DATE', row: 0, column: 'd' });
    });

    it.each([['YYYY-MM-DD'], ['nonsense q'], [''], [5]])('rejects dateFormat %j', (dateFormat) => {
      expect(() => toCsv([], { dateFormat } as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });

    it.each([['Mars/Olympus'], [''], [3]])('rejects timeZone %j', (timeZone) => {
      expect(() => toCsv([], { timeZone } as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });
  });

  describe('dialect', () => {
    it('quotes only fields that need it and doubles quotes (RFC 4180)', async () => {
      const out = await csv([{ a: 'plain', b: 'x,y', c: 'say "hi"', d: 'two\nlines', e: 'cr\rhere', f: ' spaced ' }]);
      expect(out).toBe(`${BOM}a,b,c,d,e,f\r\nplain,"x,y","say ""hi""","two\nlines","cr\rhere", spaced \r\n`);
    });

    it('option `delimiter`: any string; quotes fields that contain it', async () => {
      expect(await csv([{ a: 'x;y', b: 'x,y' }], { delimiter: ';' })).toBe(`${BOM}a;b\r\n"x;y";x,y\r\n`);
      expect(await csv([{ a: 1, b: 2 }], { delimiter: '||' })).toBe(`${BOM}a||b\r\n1||2\r\n`);
    });

    it('option `quote`', async () => {
      expect(await csv([{ a: "it's, ok" }], { quote: "'" })).toBe(`${BOM}a\r\n'it''s, ok'\r\n`);
    });

    it('option `lineEnding`', async () => {
      expect(await csv([{ a: 1 }], { lineEnding: '\n' })).toBe(`${BOM}a\n1\n`);
    });

    it('option `quoteAll`', async () => {
      expect(await csv([{ a: 1, b: '' }], { quoteAll: true })).toBe(`${BOM}"a","b"\r\n"1",""\r\n`);
    });

    it('option `header: false`', async () => {
      expect(await csv([{ a: 1 }], { header: false })).toBe(`${BOM}1\r\n`);
    });

    it.each([
      [{ delimiter: '' }],
      [{ delimiter: '\n' }],
      [{ delimiter: 1 }],
      [{ quote: '""' }],
      [{ quote: ',' }],
      [{ lineEnding: ';' }],
      [{ quoteAll: 'yes' }],
      [{ header: 1 }],
      [{ bom: 'no' }],
      [{ escapeFormulas: null }],
      [{ unmappable: 'skip' }],
      [{ gzip: 'fast' }],
      [{ maxRows: -1 }],
      [{ maxRows: 1.5 }],
      [{ total: -3 }],
      [{ onProgress: 'x' }],
      [{ signal: {} }],
    ])('rejects %j with ROWPORT_INVALID_OPTION before any work', (options) => {
      expect(() => toCsv([], options as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });
  });

  describe('formula escaping', () => {
    it.each(['=1+2', '+1+2', '-A1', '@SUM(A1)', '\tx', '\rx', '\nx', '＝1', '＋1', '－1', '＠x', '-', '+'])('prefixes %j with an apostrophe', async (value) => {
      const out = await csv([{ a: value }], { header: false, bom: false });
      expect(out.startsWith(`'`) || out.startsWith(`"'`)).toBe(true);
    });

    it.each(['-12.5', '+3', '-1e5', '-.5', '42'])('leaves the numeric literal %j alone', async (value) => {
      expect(await csv([{ a: value }], { header: false, bom: false })).toBe(`${value}\r\n`);
    });

    it('leaves negative numbers alone', async () => {
      expect(await csv([{ a: -5 }], { header: false, bom: false })).toBe('-5\r\n');
    });

    it('escapes headers too', async () => {
      expect(await csv([{ '=x': 1 }], { bom: false })).toBe(`'=x\r\n1\r\n`);
    });

    it('is off with escapeFormulas: false', async () => {
      expect(await csv([{ a: '=1+2' }], { header: false, bom: false, escapeFormulas: false })).toBe('=1+2\r\n');
    });
  });

  describe('encoding', () => {
    it('writes UTF-8 with a BOM by default, and without one when bom is false', async () => {
      expect((await readAll(toCsv([{ a: 'é' }]))).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect((await readAll(toCsv([{ a: 'é' }], { bom: false }))).toString('utf8')).toBe('a\r\né\r\n');
    });

    it('writes UTF-16LE with a BOM and a TAB delimiter by default', async () => {
      const bytes = await readAll(toCsv([{ a: 'я', b: 2 }], { encoding: 'utf-16le' }));
      expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
      expect(bytes.subarray(2).toString('utf16le')).toBe('a\tb\r\nя\t2\r\n');
    });

    it('writes windows-1251 and shift_jis without a BOM', async () => {
      const cp = await readAll(toCsv([{ name: 'Привет' }], { encoding: 'windows-1251' }));
      expect(iconv.decode(cp, 'windows-1251')).toBe('name\r\nПривет\r\n');
      const sj = await readAll(toCsv([{ name: '日本語' }], { encoding: 'shift_jis' }));
      expect(iconv.decode(sj, 'shift_jis')).toBe('name\r\n日本語\r\n');
    });

    it('fails on a character the encoding lacks, naming row and column, and emits nothing after', async () => {
      const rows = [...Array.from({ length: 5000 }, (_, i) => ({ id: i, name: 'Иван' })), { id: 5000, name: 'Zoë 日本' }];
      const chunks: Buffer[] = [];
      const stream = toCsv(rows, { encoding: 'windows-1251' });
      const error = await (async () => {
        for await (const c of stream) chunks.push(c as Buffer);
      })().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ROWPORT_UNMAPPABLE_CHARACTER', row: 5000, column: 'name' });
      expect(Buffer.concat(chunks).toString('latin1')).not.toContain('5000');
    });

    it('names the column of an unmappable character in a quoted field', async () => {
      await expect(csv([{ a: 'x,y', b: 'a "q", 日' }], { encoding: 'latin1' })).rejects.toMatchObject({ row: 0, column: 'b' });
    });

    it('names a header that cannot be encoded (row undefined)', async () => {
      const error = await csv([{ 日: 1 }], { encoding: 'latin1' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ROWPORT_UNMAPPABLE_CHARACTER', column: '日' });
      expect((error as RowportError).row).toBeUndefined();
    });

    it("writes '?' with unmappable: 'replace'", async () => {
      const bytes = await readAll(toCsv([{ a: 'Zoë 日' }], { encoding: 'windows-1251', unmappable: 'replace', header: false }));
      expect(iconv.decode(bytes, 'windows-1251')).toBe('Zo? ?\r\n');
    });

    it('fails on a lone surrogate in UTF-8', async () => {
      await expect(csv([{ a: 'ok' }, { a: 'bad \ud800 x' }])).rejects.toMatchObject({ code: 'ROWPORT_UNMAPPABLE_CHARACTER', row: 1, column: 'a' });
    });

    it('names the row and column of a lone surrogate in any field, quoted or not, with any quoting', async () => {
      const rows = [
        { a: 'x', b: 'ok 😀' },
        { a: 'y', b: 'needs, quotes \udc00' },
      ];
      for (const options of [{}, { quoteAll: true }, { delimiter: '||' }]) {
        await expect(csv(rows, options)).rejects.toMatchObject({
          code: 'ROWPORT_UNMAPPABLE_CHARACTER',
          row: 1,
          column: 'b',
          message: expect.stringContaining('U+DC00'),
        });
      }
      await expect(csv([{ u: { text: 'x', url: 'https://e.x/\ud800' } }], { columns: [{ key: 'u', type: 'url' }] })).rejects.toMatchObject({
        row: 0,
        column: 'u',
      });
    });

    it('names the column of a lone surrogate in a header (row undefined)', async () => {
      const error = await csv([{ 'a\ud800': 1, b: 2 }]).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ROWPORT_UNMAPPABLE_CHARACTER', column: 'a\ud800' });
      expect((error as RowportError).row).toBeUndefined();
    });

    it("writes U+FFFD for a lone surrogate with unmappable: 'replace', and surrogate pairs as they are", async () => {
      expect(await csv([{ a: 'x\ud800y', b: '😀,' }], { unmappable: 'replace', header: false, bom: false })).toBe('x\ufffdy,"😀,"\r\n');
    });

    it('rejects an unknown encoding', () => {
      expect(() => toCsv([], { encoding: 'klingon' })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });
  });

  describe('SYLK guard', () => {
    it('quotes a first cell starting with ID when there is no BOM', async () => {
      expect(await csv([{ ID: 1, b: 2 }], { bom: false })).toBe('"ID",b\r\n1,2\r\n');
      expect(await csv([{ a: 'IDX' }], { bom: false, header: false })).toBe('"IDX"\r\n');
    });

    it('leaves it alone when a BOM is written', async () => {
      expect(await csv([{ ID: 1 }])).toBe(`${BOM}ID\r\n1\r\n`);
    });
  });

  it('option `gzip` gives a gzip stream of the same bytes', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ i, s: `row ${i}` }));
    const plain = await readAll(toCsv(rows));
    const zipped = await readAll(toCsv(rows, { gzip: true }));
    expect(zipped.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(zipped)).toEqual(plain);
    expect(gunzipSync(await readAll(toCsv(rows, { gzip: { level: 9 } })))).toEqual(plain);
  });

  it('emits chunks of about 64 KiB', async () => {
    const rows = Array.from({ length: 20000 }, (_, i) => ({ i, s: 'x'.repeat(30) }));
    const sizes: number[] = [];
    for await (const chunk of toCsv(rows)) sizes.push((chunk as Buffer).length);
    expect(sizes.length).toBeGreaterThan(5);
    for (const size of sizes.slice(0, -1)) {
      expect(size).toBeGreaterThanOrEqual(64 * 1024);
      expect(size).toBeLessThan(64 * 1024 + 200);
    }
  });

  describe('backpressure and cleanup', () => {
    it('pulls the source only about a chunk ahead while the consumer is paused', async () => {
      const { iterable, state } = countingSource((i) => ({ i, s: 'x'.repeat(90) }));
      const stream = toCsv(iterable);
      stream.pause();
      stream.read(0);
      const first = await untilStable(() => state.pulled);
      expect(first).toBeLessThan(5000); // ~100-byte rows: a 64 KiB chunk is ~650 rows, plus a batch and a buffered chunk
      stream.destroy();
      await vi.waitFor(() => expect(state.returned).toBe(1));
    });

    it('calls return() exactly once when the consumer destroys the stream early', async () => {
      const { iterable, state } = countingSource((i) => ({ i }));
      const stream = toCsv(iterable);
      for await (const _chunk of stream) break;
      await vi.waitFor(() => expect(state.returned).toBe(1));
    });

    it('closes a sync generator early', async () => {
      let closed = 0;
      function* rows() {
        try {
          for (let i = 0; ; i++) yield { i };
        } finally {
          closed++;
        }
      }
      for await (const _chunk of toCsv(rows())) break;
      await vi.waitFor(() => expect(closed).toBe(1));
    });

    it('closes the source once when a bad value stops the export', async () => {
      const { iterable, state } = countingSource((i) => ({ i, f: i === 700 ? () => 1 : 'ok' }));
      await expect(readAll(toCsv(iterable))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 700, column: 'f' });
      expect(state.returned).toBe(1);
    });

    it('cancels a ReadableStream source when the consumer stops early', async () => {
      let cancelled = 0;
      let i = 0;
      const source = new ReadableStream({
        pull(c) {
          c.enqueue({ i: i++ });
        },
        cancel() {
          cancelled++;
        },
      });
      for await (const _chunk of toCsv(source)) break;
      await vi.waitFor(() => expect(cancelled).toBe(1));
    });

    it('does not call return() on a source that ended', async () => {
      const { iterable, state } = countingSource((i) => ({ i }), 10);
      await readAll(toCsv(iterable));
      expect(state.returned).toBe(0);
    });
  });

  describe('errors', () => {
    it('wraps a source that throws mid-stream, keeping the cause, and emits nothing after', async () => {
      const cause = new Error('connection lost');
      async function* rows() {
        for (let i = 0; i < 2000; i++) yield { i, pad: 'y'.repeat(60) };
        throw cause;
      }
      const chunks: Buffer[] = [];
      const stream = toCsv(rows());
      const error = await (async () => {
        for await (const c of stream) chunks.push(c as Buffer);
      })().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ROWPORT_SOURCE_FAILED', row: 2000 });
      expect(isRowportError(error)).toBe(true);
      expect((error as Error).cause).toBe(cause);
      const text = Buffer.concat(chunks).toString();
      expect(text).not.toContain('\r\n1999,');
    });

    it('fails with ROWPORT_MAX_ROWS past maxRows and closes the source', async () => {
      const { iterable, state } = countingSource((i) => ({ i }));
      await expect(readAll(toCsv(iterable, { maxRows: 100 }))).rejects.toMatchObject({ code: 'ROWPORT_MAX_ROWS', row: 100 });
      expect(state.returned).toBe(1);
      expect(await csv([{ a: 1 }, { a: 2 }], { maxRows: 2 })).toBe(`${BOM}a\r\n1\r\n2\r\n`);
    });

    it('fails at once when the signal is already aborted, without reading the source', async () => {
      const { iterable, state } = countingSource((i) => ({ i }));
      const controller = new AbortController();
      controller.abort(new Error('user cancelled'));
      const error = await readAll(toCsv(iterable, { signal: controller.signal })).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ROWPORT_ABORTED' });
      expect((error as Error).cause).toBe(controller.signal.reason);
      expect(state.pulled).toBe(0);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    });

    it('aborts during the export, closes the source and removes its listener', async () => {
      const controller = new AbortController();
      let returned = 0;
      const rows = {
        [Symbol.asyncIterator]() {
          let i = 0;
          return {
            next: async () => {
              if (i === 3000) controller.abort();
              if (i > 3000) await new Promise(() => {}); // a stuck cursor
              return { done: false, value: { i: i++ } };
            },
            return: async () => {
              returned++;
              return { done: true as const, value: undefined };
            },
          };
        },
      };
      await expect(readAll(toCsv(rows, { signal: controller.signal }))).rejects.toMatchObject({ code: 'ROWPORT_ABORTED' });
      expect(returned).toBe(1);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    });

    it('removes its abort listener after a successful export', async () => {
      const controller = new AbortController();
      await readAll(toCsv([{ a: 1 }], { signal: controller.signal }));
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    });
  });

  describe('progress', () => {
    it('reports rows, bytes, total and percent, with a final call at 100', async () => {
      const calls: ProgressInfo[] = [];
      const rows = Array.from({ length: 50_000 }, (_, i) => ({ i, s: 'progress' }));
      const bytes = await readAll(toCsv(rows, { total: 50_000, onProgress: (p) => calls.push(p), progressInterval: 0 }));
      expect(calls.length).toBeGreaterThan(2);
      const last = calls.at(-1) as ProgressInfo;
      expect(last).toEqual({ rows: 50_000, bytes: bytes.length, total: 50_000, percent: 100 });
      for (let i = 1; i < calls.length; i++) expect((calls[i] as ProgressInfo).rows).toBeGreaterThanOrEqual((calls[i - 1] as ProgressInfo).rows);
      for (const c of calls) expect(c.percent).toBeCloseTo((c.rows / 50_000) * 100, 6);
    });

    it('makes exactly one final call for a tiny export, without total', async () => {
      const calls: ProgressInfo[] = [];
      await readAll(toCsv([{ a: 1 }], { onProgress: (p) => calls.push(p) }));
      expect(calls).toEqual([{ rows: 1, bytes: 9 }]);
    });
  });

  it('is deterministic: same rows and options give the same bytes', async () => {
    const rows = () => Array.from({ length: 1000 }, (_, i) => ({ i, d: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000) }));
    expect(await readAll(toCsv(rows(), { dateFormat: 'full' }))).toEqual(await readAll(toCsv(rows(), { dateFormat: 'full' })));
  });

  it('accepts no options object at all and rejects a non-object', () => {
    expect(() => toCsv([])).not.toThrow();
    expect(() => toCsv([], null as never)).toThrow(RowportError);
  });
});
