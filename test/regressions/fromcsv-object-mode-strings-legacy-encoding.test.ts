// fromCsv over an object-mode stream of strings with a legacy `encoding` read the strings' UTF-8
// bytes as that encoding: `café` came back `cafÃ©` with no error. Strings are text already, so with
// an encoding other than UTF-8 they are now refused before any row, naming the encoding.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RowportError, fromCsv } from '../../src/index.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

describe('fromCsv over an object-mode stream of strings', () => {
  it.each(['windows-1252', 'latin1', 'utf-16le'])('refuses strings read as %s', async (encoding) => {
    const error = await collect(fromCsv(Readable.from(['name\ncafé\n']), { encoding })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RowportError);
    expect((error as RowportError).code).toBe('ROWPORT_INVALID_SOURCE');
    expect((error as RowportError).message).toContain(encoding);
  });

  it('reads strings as text with the default UTF-8', async () => {
    expect(await collect(fromCsv(Readable.from(['name\nca', 'fé\n']), { encoding: 'utf8' }))).toEqual([{ name: 'café' }]);
  });

  it('still reads Buffers as the encoding says', async () => {
    expect(await collect(fromCsv(Readable.from([Buffer.from('name\ncafé\n', 'latin1')]), { encoding: 'windows-1252' }))).toEqual([{ name: 'café' }]);
  });
});
