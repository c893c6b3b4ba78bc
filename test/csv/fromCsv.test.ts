import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCsv, toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { tempDir } from '../helpers/tempDir.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

let dir: string;
beforeAll(async () => {
  dir = tempDir('rowport-fromcsv-').dir;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fromCsv', () => {
  it('reads a Buffer into objects keyed by the header, dropping a UTF-8 BOM', async () => {
    expect(await collect(fromCsv(Buffer.from('\uFEFFid,name\r\n1,"A, ""B"""\r\n')))).toEqual([{ id: '1', name: 'A, "B"' }]);
  });

  it('reads a file path and a Readable', async () => {
    const path = join(dir, 'a.csv');
    await writeFile(path, 'a;b\n1;2\n');
    expect(await collect(fromCsv(path, { delimiter: ';' }))).toEqual([{ a: '1', b: '2' }]);
    expect(await collect(fromCsv(Readable.from([Buffer.from('a\n'), Buffer.from('x\n')])))).toEqual([{ a: 'x' }]);
  });

  it('detects a UTF-16 BOM whatever the encoding option says', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\r\nя\t2\r\n', 'utf16le')]);
    expect(await collect(fromCsv(bytes, { delimiter: '\t', encoding: 'windows-1251' }))).toEqual([{ a: 'я', b: '2' }]);
  });

  it('decodes legacy encodings, split anywhere between chunks', async () => {
    const bytes = iconv.encode('имя\r\nЖанна\r\n', 'windows-1251');
    const pieces = Readable.from([...bytes].map((b) => Buffer.from([b])));
    expect(await collect(fromCsv(pieces, { encoding: 'windows-1251' }))).toEqual([{ имя: 'Жанна' }]);
  });

  it('takes header names from the option, reading the first line as data', async () => {
    expect(await collect(fromCsv(Buffer.from('1,2\n'), { headers: ['x', 'y'] }))).toEqual([{ x: '1', y: '2' }]);
  });

  it('reports malformed CSV as ROWPORT_INVALID_CSV with the line where the bad record starts', async () => {
    const text = 'a,b\n1,2\n"multi\nline",3\n4,5,6\n';
    await expect(collect(fromCsv(Buffer.from(text)))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 5 });
    await expect(collect(fromCsv(Buffer.from('a,b\n"x"y,2\n')))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 2 });
  });

  it.each([
    ['a,b\n1,2\n3,"x"y\n', 3],
    ['a,b\r\n1,2\r\n\r\n\r\n3,4\r\n5,"x"y\r\n', 6],
    ['a,b\n"two\nlines",2\n\n,\n3,4,5\n', 6],
    [`a,b\n${'1,2\n'.repeat(20_000)}"bad"x,2\n`, 20_002],
    ['a,b\r1,2\r3,4,5\r', 3],
  ])('names the line of the bad record even after good rows, blank lines and quoted newlines: %#', async (text, line) => {
    await expect(collect(fromCsv(Buffer.from(text)))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: line });
  });

  it('fails on a missing file with ROWPORT_INVALID_SOURCE', async () => {
    await expect(collect(fromCsv(join(dir, 'nope.csv')))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_SOURCE' });
  });

  it.each([
    [{ delimiter: '' }],
    [{ quote: 'ab' }],
    [{ encoding: '' }],
    [{ encoding: 5 }],
    [{ headers: false }],
    [{ headers: [1] }],
    [{ headers: ['a', 'a'] }],
    [{ quote: ',' }],
    [{ delimiter: '\n' }],
    [{ skipEmpty: 1 }],
  ])('rejects %j at once', (options) => {
    expect(() => fromCsv(Buffer.from(''), options as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });

  it('rejects an encoding iconv-lite does not know at the call, before reading the input', () => {
    const input = Readable.from([Buffer.from('a\n1\n')]);
    expect(() => fromCsv(input, { encoding: 'nope' })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    expect(input.readableDidRead).toBe(false);
  });

  it('rejects input that is not a path, Buffer or Readable', () => {
    expect(() => fromCsv(42 as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE' }));
  });

  it('closes the input when iteration stops early', async () => {
    const input = Readable.from(['a\n', ...Array.from({ length: 1000 }, (_, i) => `${i}\n`)]);
    for await (const _row of fromCsv(input)) break;
    expect(input.destroyed).toBe(true);
  });

  it('reads no further ahead than the rows asked for (backpressure)', async () => {
    let pulled = 0;
    const input = Readable.from(
      (function* () {
        yield Buffer.from('a\n');
        for (let i = 0; i < 10_000; i++) {
          pulled++;
          yield Buffer.from(`${i}\n`);
        }
      })(),
    );
    const iterator = fromCsv(input)[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { a: '0' } });
    expect(pulled).toBeLessThan(100);
    await iterator.return?.();
    expect(input.destroyed).toBe(true);
  });

  it('property: reads back what toCsv writes, in every dialect and encoding, split anywhere', async () => {
    const units = {
      'utf-8': fc.oneof(
        fc.constantFrom('a', ' ', '\t', ',', ';', '|', "'", '"', '\n', '\r', '\r\n', '\uFEFF', '\uFFFD'),
        fc.string({ unit: 'grapheme', maxLength: 3 }),
      ),
      'utf-16le': fc.oneof(fc.constantFrom('a', ' ', '\t', ',', '"', '\n', '\r', '😀'), fc.string({ unit: 'grapheme', maxLength: 3 })),
      'windows-1251': fc.constantFrom('a', 'я', 'Ё', ' ', '\t', ',', ';', '|', "'", '"', '\n', '\r', '\r\n'),
    } as const;
    const dialect = fc.record({
      encoding: fc.constantFrom('utf-8', 'utf-16le', 'windows-1251'),
      delimiter: fc.constantFrom(',', ';', '\t', '|'),
      quote: fc.constantFrom('"', "'"),
      lineEnding: fc.constantFrom('\r\n', '\n', '\r'),
      quoteAll: fc.boolean(),
      bom: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        dialect.chain((d) => {
          const cell = fc.array(units[d.encoding as keyof typeof units], { maxLength: 6 }).map((u) => u.join(''));
          return fc.tuple(
            fc.constant(d),
            fc.array(fc.tuple(cell, cell, cell), { maxLength: 4 }),
            fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 8 }),
          );
        }),
        async ([options, cells, cuts]) => {
          const rows = cells.map(([x, y, z]) => ({ x, y, z }));
          const bytes = await readAll(toCsv(rows, { ...options, columns: ['x', 'y', 'z'], escapeFormulas: false }));
          const { lineEnding: _lineEnding, quoteAll: _quoteAll, bom: _bom, ...readOptions } = options;
          const back = await collect(fromCsv(splitBytes(bytes, cuts), { ...readOptions, skipEmpty: false }));
          expect(back).toEqual(rows);
        },
      ),
      { numRuns: 400, seed: 3 },
    );
  });

  it('property: names the line of a bad record after any rows, line ends and chunk splits', async () => {
    const cell = fc.array(fc.constantFrom('a', ',', '"', '\n', '\r', '\r\n', ' '), { maxLength: 5 }).map((u) => u.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell), { maxLength: 6 }),
        fc.constantFrom('\r\n', '\n', '\r'),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }),
        async (cells, lineEnding, cuts) => {
          const rows = cells.map(([x, y]) => ({ x, y }));
          const good = (await readAll(toCsv(rows, { lineEnding, escapeFormulas: false, bom: false }))).toString('utf8');
          const line = 1 + (good.match(/\r\n|\r|\n/g) ?? []).length;
          const bytes = Buffer.from(`${good}"bad"x,1${lineEnding}`);
          await expect(collect(fromCsv(splitBytes(bytes, cuts), { skipEmpty: false }))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: line });
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  describe('long fields', () => {
    it('reads a 20 MB quoted field with quotes and line breaks across many chunks, and the lines after it', async () => {
      const piece = `${'x'.repeat(4093)}""\r\n`;
      const count = Math.ceil((20 * 1024 * 1024) / piece.length);
      const chunks = (function* () {
        yield Buffer.from('a,b\n1,"');
        const bytes = Buffer.from(piece);
        for (let i = 0; i < count; i++) yield bytes;
        yield Buffer.from('"\n2,3\n4,"bad"x\n');
      })();
      const rows: Record<string, string>[] = [];
      const failure = await (async () => {
        try {
          for await (const row of fromCsv(Readable.from(chunks), { maxFieldBytes: Infinity })) rows.push(row);
        } catch (error) {
          return error;
        }
      })();
      expect(rows).toHaveLength(2);
      expect(rows[0]!.a).toBe('1');
      expect(rows[0]!.b).toBe(`${'x'.repeat(4093)}"\r\n`.repeat(count));
      expect(rows[1]).toEqual({ a: '2', b: '3' });
      // the long field spans `count` line breaks: line numbers after it are still right
      expect(failure).toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: count + 4 });
    });

    it('reads a 20 MB unquoted field given as one Buffer', async () => {
      const big = 'é'.repeat(10 * 1024 * 1024);
      const rows = await collect(fromCsv(Buffer.from(`a,b\n${big},z\n`), { maxFieldBytes: Infinity }));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.a === big && rows[0]!.b === 'z').toBe(true);
    });
  });

  describe('option `maxFieldBytes`', () => {
    it('defaults to 16 MiB: a field of exactly 16 MiB is read, one byte more fails naming the line', async () => {
      const limit = 16 * 1024 * 1024;
      const ok = await collect(fromCsv(Buffer.from(`a\n"${'x'.repeat(limit)}"\n`)));
      expect(ok[0]!.a).toHaveLength(limit);
      await expect(collect(fromCsv(Buffer.from(`a\nok\n"${'x'.repeat(limit + 1)}"\n`)))).rejects.toMatchObject({
        code: 'ROWPORT_INVALID_CSV',
        row: 3,
      });
    });

    it('counts UTF-8 bytes, not characters, in quoted and unquoted fields, split across chunks or not', async () => {
      const text = `a,b\n1,2\n\n"x\ny",${'я'.repeat(6)}\n`;
      expect(await collect(fromCsv(Buffer.from(text), { maxFieldBytes: 12 }))).toHaveLength(2);
      await expect(collect(fromCsv(Buffer.from(text), { maxFieldBytes: 11 }))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 4 });
      const pieces = Readable.from([...Buffer.from(text)].map((b) => Buffer.from([b])));
      await expect(collect(fromCsv(pieces, { maxFieldBytes: 11 }))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 4 });
      const quoted = `a\n"${'я'.repeat(6)}"\n`;
      await expect(collect(fromCsv(Readable.from([...Buffer.from(quoted)].map((b) => Buffer.from([b]))), { maxFieldBytes: 11 }))).rejects.toMatchObject({
        code: 'ROWPORT_INVALID_CSV',
        row: 2,
      });
    });

    it('stops reading a growing field as soon as it passes the limit', async () => {
      let pulled = 0;
      const endless = Readable.from(
        (function* () {
          yield Buffer.from('a\n"');
          for (;;) {
            pulled++;
            yield Buffer.alloc(1024, 'x');
          }
        })(),
      );
      await expect(collect(fromCsv(endless, { maxFieldBytes: 100_000 }))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 2 });
      expect(pulled).toBeLessThan(200);
      expect(endless.destroyed).toBe(true);
    });

    it.each([0, -1, 1.5, '10', null, Number.NaN])('rejects %j at once', (maxFieldBytes) => {
      expect(() => fromCsv(Buffer.from(''), { maxFieldBytes } as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });
  });

  describe('option `invalid`', () => {
    const badUtf8 = Buffer.concat([Buffer.from('a,b\n1,2\n"x\ny",'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);

    it("defaults to 'replace': invalid bytes read as U+FFFD", async () => {
      expect(await collect(fromCsv(badUtf8))).toEqual([
        { a: '1', b: '2' },
        { a: 'x\ny', b: '\uFFFD(' },
      ]);
      expect(await collect(fromCsv(Buffer.from([0x61, 0x0a, 0x98]), { encoding: 'windows-1251' }))).toEqual([{ a: '\uFFFD' }]);
    });

    it("'error' fails with ROWPORT_INVALID_CSV naming the line the bytes are on, after the rows before it", async () => {
      const rows: unknown[] = [];
      await expect(
        (async () => {
          for await (const row of fromCsv(badUtf8, { invalid: 'error' })) rows.push(row);
        })(),
      ).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 4 });
      expect(rows).toEqual([{ a: '1', b: '2' }]);
    });

    it.each([
      ['utf-8, bytes one at a time', 'utf-8', Buffer.concat([Buffer.from('a\nok\r\nя\n'), Buffer.from([0xe2, 0x82]), Buffer.from('\n')]), 4, true],
      ['utf-8, truncated at the end', 'utf-8', Buffer.concat([Buffer.from('a\nok\n'), Buffer.from([0xf0, 0x9f, 0x98])]), 3, false],
      ['windows-1251', 'windows-1251', Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0x0a, 0x98, 0x0a]), 4, true],
      ['shift_jis', 'shift_jis', Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0x81, 0x20])]), 3, false],
      [
        'utf-16le (lone surrogate)',
        'utf-16le',
        Buffer.concat([Buffer.from('a\nb\n', 'utf16le'), Buffer.from([0x00, 0xdc]), Buffer.from('\n', 'utf16le')]),
        3,
        true,
      ],
      [
        'utf-16be via its BOM',
        'utf-8',
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('a\n\n\nb\n', 'utf16le').swap16(), Buffer.from([0xd8, 0x00, 0x00, 0x41])]),
        5,
        true,
      ],
    ])('%s', async (_name, encoding, bytes, line, oneByteChunks) => {
      await expect(collect(fromCsv(bytes, { encoding, invalid: 'error' }))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: line });
      if (oneByteChunks) {
        const pieces = Readable.from([...bytes].map((b) => Buffer.from([b])));
        await expect(collect(fromCsv(pieces, { encoding, invalid: 'error' }))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: line });
      }
    });

    it("'error' reads valid text, U+FFFD included, as it is", async () => {
      const text = 'a,b\n\uFFFD,я😀\n';
      expect(await collect(fromCsv(Buffer.from(text), { invalid: 'error' }))).toEqual([{ a: '\uFFFD', b: 'я😀' }]);
      expect(await collect(fromCsv(Buffer.from(text, 'utf16le'), { invalid: 'error', encoding: 'utf-16le' }))).toEqual([{ a: '\uFFFD', b: 'я😀' }]);
    });

    it.each(['nope', true, null])('rejects %j at once', (invalid) => {
      expect(() => fromCsv(Buffer.from(''), { invalid } as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });

    it("rejects 'error' for an encoding that can hold U+FFFD itself, where invalid bytes cannot be told apart", () => {
      expect(() => fromCsv(Buffer.from(''), { invalid: 'error', encoding: 'utf-32le' })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });
  });

  describe('byte order marks split across chunks', () => {
    const oneByteAtATime = (bytes: Buffer) => Readable.from([...bytes].map((b) => Buffer.from([b])));

    it.each([
      ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a;b\r\nя;2\r\n', 'utf16le')])],
      ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('a;b\r\nя;2\r\n', 'utf16le').swap16()])],
      ['UTF-8', Buffer.from('\uFEFFa;b\r\nя;2\r\n')],
    ])('detects a %s BOM that comes one byte at a time, whatever the encoding option says', async (_name, bytes) => {
      expect(await collect(fromCsv(oneByteAtATime(bytes), { delimiter: ';', encoding: 'windows-1251' }))).toEqual([{ a: 'я', b: '2' }]);
    });

    it('detects a UTF-8 BOM split 1 + 2 and 2 + 1 bytes', async () => {
      const bytes = Buffer.from('\uFEFFid\nя\n');
      for (const cut of [1, 2]) {
        const pieces = Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]);
        expect(await collect(fromCsv(pieces, { encoding: 'windows-1251' }))).toEqual([{ id: 'я' }]);
      }
    });

    it('reads bytes that only begin like a BOM in the declared encoding', async () => {
      const bytes = iconv.encode('яб\nпр\n', 'windows-1251'); // 0xff 0xe1
      expect(await collect(fromCsv(oneByteAtATime(bytes), { encoding: 'windows-1251' }))).toEqual([{ яб: 'пр' }]);
      const short = Buffer.from([0xef, 0xbb]); // a header of two windows-1251 characters and no row
      const headers: (readonly string[])[] = [];
      expect(await collect(fromCsv(short, { encoding: 'windows-1251', onHeaders: (h) => headers.push(h) }))).toEqual([]);
      expect(headers).toEqual([[iconv.decode(short, 'windows-1251')]]);
    });
  });

  describe('read failures are not CSV errors', () => {
    it('a directory is ROWPORT_SOURCE_FAILED with the EISDIR cause', async () => {
      await expect(collect(fromCsv(dir))).rejects.toMatchObject({ code: 'ROWPORT_SOURCE_FAILED', cause: { code: 'EISDIR' } });
    });

    it('a Readable that errors is ROWPORT_SOURCE_FAILED with its error as the cause', async () => {
      const boom = new Error('io boom');
      const failing = new Readable({
        read() {
          this.push('a,b\n1,2\n');
          this.destroy(boom);
        },
      });
      const error = await collect(fromCsv(failing)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ROWPORT_SOURCE_FAILED', row: undefined });
      expect((error as Error).cause).toBe(boom);
    });
  });

  describe('headers that are Object.prototype members', () => {
    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('keeps a %s header as an own key', async (name) => {
      const [row] = await collect(fromCsv(Buffer.from(`${name},a\nx,1\n`)));
      expect(Object.keys(row!)).toEqual([name, 'a']);
      expect(Object.getOwnPropertyDescriptor(row, name)).toMatchObject({ value: 'x', enumerable: true, writable: true });
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(JSON.stringify(row)).toBe(`{"${name}":"x","a":"1"}`);
    });
  });

  describe('option `onHeaders`', () => {
    it('gives the header names before the first row, and also when no row follows', async () => {
      const seen: string[] = [];
      for await (const row of fromCsv(Buffer.from('a,b\n1,2\n'), { onHeaders: (h) => seen.push(`headers ${h.join('|')}`) })) {
        seen.push(`row ${row.a}`);
      }
      expect(seen).toEqual(['headers a|b', 'row 1']);
      const only: (readonly string[])[] = [];
      expect(await collect(fromCsv(Buffer.from('\uFEFFa,b\r\n'), { onHeaders: (h) => only.push(h) }))).toEqual([]);
      expect(only).toEqual([['a', 'b']]);
    });

    it('gives names passed in `headers` too', async () => {
      const only: (readonly string[])[] = [];
      await collect(fromCsv(Buffer.from(''), { headers: ['x'], onHeaders: (h) => only.push(h) }));
      expect(only).toEqual([['x']]);
    });
  });

  describe('records', () => {
    it.each([
      ['blank and whitespace-only lines are skipped', 'a,b\n\n  \n\t\r\n1,2\n \n', {}, [{ a: '1', b: '2' }]],
      [
        'a record of empty fields is data',
        'a,b\n,\n"",""\n',
        {},
        [
          { a: '', b: '' },
          { a: '', b: '' },
        ],
      ],
      [
        'with skipEmpty false, blank lines are rows',
        'a,b\n\n \n',
        { skipEmpty: false },
        [
          { a: '', b: '' },
          { a: ' ', b: '' },
        ],
      ],
      ['missing fields are empty', 'a,b,c\n1\n', {}, [{ a: '1', b: '', c: '' }]],
      ['spaces around quotes are dropped, kept in unquoted fields', 'a,b,c\n  "x" , y ,"z"\t\n', {}, [{ a: 'x', b: ' y ', c: 'z' }]],
      ['a quote inside an unquoted field is kept', 'a,b\nx"y,2\n', {}, [{ a: 'x"y', b: '2' }]],
      ['the last record needs no line end', 'a,b\r\n1,"2\r\n3"', {}, [{ a: '1', b: '2\r\n3' }]],
      ['an empty last field', 'a,b\n1,', {}, [{ a: '1', b: '' }]],
      ['a TAB delimiter with empty fields', 'a\tb\tc\n\t\t\n', { delimiter: '\t' }, [{ a: '', b: '', c: '' }]],
    ])('%s', async (_name, text, options, rows) => {
      expect(await collect(fromCsv(Buffer.from(text), options))).toEqual(rows);
    });

    it.each([
      ['an unclosed quote at the end', 'a\n1\n"open\nstill\n', 3],
      ['a header naming a key twice', 'a,b,a\n1,2,3\n', 1],
      ['text after a closing quote and spaces', 'a,b\n"x" y,2\n', 2],
    ])('%s is ROWPORT_INVALID_CSV naming the line', async (_name, text, line) => {
      await expect(collect(fromCsv(Buffer.from(text)))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: line });
    });
  });
});

/** `bytes` as a Readable of pieces of the given sizes, cycling through them. */
function splitBytes(bytes: Buffer, sizes: readonly number[]): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    pieces.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(pieces);
}
