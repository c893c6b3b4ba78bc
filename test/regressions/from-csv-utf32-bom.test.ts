// fromCsv with encoding 'utf-32le' on a file that starts with its BOM (FF FE 00 00) took the first
// two bytes for a UTF-16LE BOM: every field came back with NULs, and no warning. The UTF-32 BOM of
// the declared encoding is now dropped, and the text read as UTF-32.
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';

const TEXT = 'a,b\n1,é\n2,😀\n';
const BOMS = { 'utf-32le': [0xff, 0xfe, 0, 0], 'utf-32be': [0, 0, 0xfe, 0xff] } as const;

async function rows(bytes: Buffer, encoding: string, chunk = bytes.length): Promise<unknown[]> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  const all: unknown[] = [];
  for await (const row of fromCsv(Readable.from(pieces), { encoding })) all.push(row);
  return all;
}

it.each(Object.entries(BOMS))('reads %s text after its BOM', async (encoding, bom) => {
  const bytes = Buffer.concat([Buffer.from(bom), iconv.encode(TEXT, encoding)]);
  const expected = [
    { a: '1', b: 'é' },
    { a: '2', b: '😀' },
  ];
  expect(await rows(bytes, encoding)).toEqual(expected);
  expect(await rows(bytes, encoding, 1)).toEqual(expected); // the BOM a byte at a time
  expect(await rows(iconv.encode(TEXT, encoding), encoding)).toEqual(expected); // and without it
});

it.each(['utf-32', 'utf32', 'UTF-32LE', 'ucs4'])('reads a UTF-32LE BOM under the name %s', async (encoding) => {
  const bytes = Buffer.concat([Buffer.from(BOMS['utf-32le']), iconv.encode(TEXT, 'utf-32le')]);
  expect(await rows(bytes, encoding)).toEqual([
    { a: '1', b: 'é' },
    { a: '2', b: '😀' },
  ]);
});

it('still lets a UTF-16LE BOM win over a declared UTF-32LE', async () => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
  expect(await rows(bytes, 'utf-32le')).toEqual([
    { a: '1', b: 'é' },
    { a: '2', b: '😀' },
  ]);
});
