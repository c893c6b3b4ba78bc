// Issue 10, "Reading CSV": a UTF-16 BOM split across the first two chunks (`\xff`, then `\xfe…`)
// was missed and the file read as garbage. The same for a UTF-8 BOM split 1 + 2 or 2 + 1 bytes.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};
const pieces = (bytes: Buffer, cuts: number[]) => Readable.from([0, ...cuts].map((at, i, all) => bytes.subarray(at, all[i + 1])));

describe('fromCsv with a BOM split across chunks', () => {
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\r\nя\t2\r\n', 'utf16le')]);
  const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('a\tb\r\nя\t2\r\n', 'utf16le').swap16()]);
  const utf8 = Buffer.from('\uFEFFa\tb\r\nя\t2\r\n');

  it.each([
    ['UTF-16LE, \\xff then \\xfe…', utf16le, [1]],
    ['UTF-16BE, \\xfe then \\xff…', utf16be, [1]],
    ['UTF-16LE, one byte at a time', utf16le, Array.from({ length: utf16le.length - 1 }, (_, i) => i + 1)],
    ['UTF-8, 1 + 2 bytes', utf8, [1]],
    ['UTF-8, 2 + 1 bytes', utf8, [2]],
    ['UTF-8, one byte at a time', utf8, Array.from({ length: utf8.length - 1 }, (_, i) => i + 1)],
  ])('%s', async (_name, bytes, cuts) => {
    expect(await collect(fromCsv(pieces(bytes, cuts), { delimiter: '\t', encoding: 'windows-1251' }))).toEqual([{ a: 'я', b: '2' }]);
  });
});
