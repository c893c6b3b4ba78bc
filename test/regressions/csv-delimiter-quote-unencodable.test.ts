// A delimiter or quote the encoding cannot write (`é` in windows-1253, `😀` in windows-1252) became
// `?` with unmappable: 'replace', so the fields of every line ran together into one (`a?b`), and a
// lone surrogate became U+FFFD; with 'error' it failed mid-stream naming a column that was not at
// fault. It is a bad option, refused before the first byte.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { toCsv as toWebCsv } from '../../src/web/index.js';
import { readAll } from '../helpers/streams.js';

const rows = [
  { a: 'x y', b: 'q"z' },
  { a: '1', b: '2' },
];

describe('toCsv: a delimiter or quote the encoding cannot write', () => {
  it.each([
    ['delimiter', { delimiter: 'é', encoding: 'windows-1253' }],
    ['delimiter', { delimiter: '😀', encoding: 'windows-1252' }],
    ['quote', { quote: 'é', encoding: 'windows-1253' }],
    ['quote', { quote: '€', encoding: 'latin1' }],
  ] as const)('refuses the %s (%j), whatever unmappable says', async (name, options) => {
    for (const unmappable of ['error', 'replace'] as const) {
      const chunks: Buffer[] = [];
      const stream = toCsv(rows, { ...options, unmappable });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const error = await readAll(stream).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ROWPORT_INVALID_OPTION', row: undefined, column: undefined });
      expect((error as Error).message).toContain(`\`${name}\``);
      expect(chunks).toEqual([]);
    }
  });

  it('refuses a lone surrogate at the call, in every encoding and entry', () => {
    expect(() => toCsv(rows, { delimiter: '\uD800' })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    expect(() => toCsv(rows, { delimiter: ';\uDC00', encoding: 'utf-16le', unmappable: 'replace' })).toThrow(/`delimiter`/);
    expect(() => toWebCsv(rows, { quote: '\uD83D' })).toThrow(/`quote`/);
  });

  it('still writes a delimiter and quote the encoding holds', async () => {
    const bytes = await readAll(toCsv(rows, { delimiter: 'é', quote: '§', encoding: 'windows-1252', bom: false }));
    expect(bytes.toString('latin1')).toBe('aéb\r\nx yéq"z\r\n1é2\r\n');
  });
});

describe('toCsv: refusing an unencodable delimiter', () => {
  it('closes the source', async () => {
    let closed = 0;
    let sent = 0;
    const source: AsyncIterable<{ a: number }> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => (sent++ < 3 ? { done: false, value: { a: 1 } } : { done: true, value: undefined }),
        return: async () => {
          closed = 1;
          return { done: true, value: undefined };
        },
      }),
    };
    await expect(readAll(toCsv(source, { delimiter: 'é', encoding: 'windows-1253' }))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
    expect(closed).toBe(1);
  });
});
