// fromCsv on an object-mode Readable of rows failed with a bare `TypeError: bytes is not iterable`;
// a chunk that is not bytes (or a string) is ROWPORT_INVALID_SOURCE, and no row is made of it (#18).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

describe('fromCsv over a stream that is not bytes', () => {
  it('fails with ROWPORT_INVALID_SOURCE on an object-mode stream of rows', async () => {
    await expect(collect(fromCsv(Readable.from([{ a: 1 }])))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_SOURCE' });
    await expect(collect(fromCsv(Readable.from([1, 2])))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_SOURCE' });
  });

  it('fails at the first chunk that is not bytes, after the complete lines before it', async () => {
    const rows: unknown[] = [];
    const read = (async () => {
      for await (const row of fromCsv(Readable.from([Buffer.from('a\n1\n2\n'), { not: 'bytes' }, Buffer.from('3\n')]))) rows.push(row);
    })();
    await expect(read).rejects.toMatchObject({ code: 'ROWPORT_INVALID_SOURCE' });
    expect(rows).toEqual([{ a: '1' }, { a: '2' }]); // the complete lines before it; nothing after it
  });

  it('still reads object-mode streams of Buffers, Uint8Arrays and strings', async () => {
    expect(await collect(fromCsv(Readable.from([Buffer.from('a,b\n'), new Uint8Array(Buffer.from('1,2\n')), '3,4\n'])))).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
  });
});
