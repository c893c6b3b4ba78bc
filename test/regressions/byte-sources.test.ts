// A byte stream (fetch().body, a Buffer, a non-object-mode Readable) was accepted as rows and
// written as rows of byte numbers; an already-read Readable silently wrote an empty file. Both
// are ROWPORT_INVALID_SOURCE before any output byte (#14, #10).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatDates, selectColumns, toCsv, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const invalidSource = expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE' });

describe('sources that hold bytes, not rows', () => {
  it.each([
    ['a Buffer', () => Buffer.from('a,b\n1,2\n')],
    ['a Float64Array', () => new Float64Array([1, 2])],
    ['a DataView', () => new DataView(new ArrayBuffer(4))],
    ['a byte Readable', () => Readable.from([Buffer.from('a,b\n')], { objectMode: false })],
  ])('%s is refused at the call', (_name, make) => {
    expect(() => toCsv(make() as never)).toThrow(invalidSource);
    expect(() => toXlsx(make() as never)).toThrow(invalidSource);
    expect(() => selectColumns(make() as never, ['a'])).toThrow(invalidSource);
    expect(() => formatDates(make() as never, 'iso')).toThrow(invalidSource);
  });

  it('a byte ReadableStream (fetch().body) fails at its first chunk, before any output', async () => {
    const body = () => new Response('a,b\n1,2\n').body as ReadableStream<Uint8Array>;
    const chunks: Buffer[] = [];
    const csv = toCsv(body() as never);
    await expect(
      (async () => {
        for await (const chunk of csv) chunks.push(chunk as Buffer);
      })(),
    ).rejects.toMatchObject({ code: 'ROWPORT_INVALID_SOURCE' });
    expect(chunks).toEqual([]);
    await expect(readAll(toXlsx(body() as never))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_SOURCE' });
  });

  it('an object-mode Readable already read, ended or destroyed is refused at the call', async () => {
    const read = Readable.from([{ a: 1 }, { a: 2 }]);
    for await (const _ of read);
    expect(() => toCsv(read)).toThrow(invalidSource);
    const destroyed = Readable.from([{ a: 1 }]);
    destroyed.destroy();
    expect(() => toXlsx(destroyed)).toThrow(invalidSource);
  });

  it('a later row that is bytes is ROWPORT_INVALID_VALUE naming the row, not an empty row', async () => {
    const rows = [{ a: 1 }, Buffer.from('a')];
    await expect(readAll(toCsv(rows))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
    await expect(readAll(toXlsx(rows))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
    await expect(readAll(toCsv(selectColumns([{ a: 1 }, new Uint16Array(2)], ['a'])))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
  });

  it('a fresh object-mode Readable is still read', async () => {
    expect((await readAll(toCsv(Readable.from([{ a: 1 }]), { bom: false }))).toString()).toBe('a\r\n1\r\n');
  });
});
