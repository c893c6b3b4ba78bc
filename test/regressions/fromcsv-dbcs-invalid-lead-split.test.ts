// fromCsv with a double-byte encoding (shift_jis, gbk, big5, euc-kr, …): an invalid lead byte at the
// end of an input chunk made iconv-lite's streaming decoder drop the last byte of the next chunk
// (0x82 | 0x2C 0x2C decodes to '�,', 0x82 0x2C 0x2C to '�,,'). A lost line end merged two records, a
// lost `,` shifted the fields, a lost `"` misread the rest of the file, depending only on where the
// 64 KiB chunks happened to end. The decoder is now given input that ends on a character boundary,
// so the text is the same however the bytes are chunked (#12).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { fromCsv } from '../../src/index.js';

async function rows(input: Buffer | Readable, encoding: string): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  for await (const row of fromCsv(input, { encoding })) out.push(row);
  return out;
}

describe('fromCsv: an invalid double-byte lead at the end of a chunk', () => {
  it.each([
    ['shift_jis', 0x82],
    ['gbk', 0x81],
    ['big5', 0x81],
    ['euc-kr', 0xa1],
  ])('%s keeps the last byte of the next chunk', async (encoding, lead) => {
    // a lead byte followed by a byte no pair has: the lead reads as U+FFFD, the byte as itself
    const chunks = [Buffer.concat([Buffer.from('a,b\n'), Buffer.from([lead])]), Buffer.from(',x\n'), Buffer.from('c,d\n')];
    const expected = [
      { a: '\uFFFD', b: 'x' },
      { a: 'c', b: 'd' },
    ];
    expect(await rows(Buffer.concat(chunks), encoding)).toEqual(expected);
    expect(await rows(Readable.from(chunks), encoding)).toEqual(expected);
  });

  it('reads valid double-byte text fed one byte at a time', async () => {
    const bytes = iconv.encode('name,city\r\n山田太郎,東京\r\n', 'shift_jis');
    const input = Readable.from([...bytes].map((b) => Buffer.from([b])));
    expect(await rows(input, 'shift_jis')).toEqual([{ name: '山田太郎', city: '東京' }]);
  });
});
