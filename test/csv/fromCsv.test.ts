import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCsv, toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rowport-fromcsv-'));
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
    ['a,b\n' + '1,2\n'.repeat(20_000) + '"bad"x,2\n', 20_002],
    ['a,b\r1,2\r3,4,5\r', 3],
  ])('names the line of the bad record even after good rows, blank lines and quoted newlines: %#', async (text, line) => {
    await expect(collect(fromCsv(Buffer.from(text)))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: line });
  });

  it('fails on a missing file with ROWPORT_INVALID_SOURCE', async () => {
    await expect(collect(fromCsv(join(dir, 'nope.csv')))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_SOURCE' });
  });

  it.each([[{ delimiter: '' }], [{ quote: 'ab' }], [{ encoding: 'nope' }], [{ headers: false }], [{ headers: [1] }]])(
    'rejects %j at once',
    (options) => {
      expect(() => fromCsv(Buffer.from(''), options as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    },
  );

  it('rejects input that is not a path, Buffer or Readable', () => {
    expect(() => fromCsv(42 as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE' }));
  });

  it('closes the input when iteration stops early', async () => {
    const input = Readable.from(['a\n', ...Array.from({ length: 1000 }, (_, i) => `${i}\n`)]);
    for await (const _row of fromCsv(input)) break;
    expect(input.destroyed).toBe(true);
  });

  it('property: reads back what toCsv writes, in utf-8 and windows-1251', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'я', ',', ';', '"', '\n', '\r\n', ' ', 'Ё') }), { minLength: 2, maxLength: 2 }),
        fc.constantFrom('utf-8', 'windows-1251'),
        fc.constantFrom(',', ';'),
        async ([x, y], encoding, delimiter) => {
          const rows = [{ x, y }];
          const bytes = await readAll(toCsv(rows, { encoding, delimiter, escapeFormulas: false }));
          const back = await collect(fromCsv(bytes, { encoding, delimiter, skipEmpty: false }));
          expect(back).toEqual([{ x, y }]);
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});
