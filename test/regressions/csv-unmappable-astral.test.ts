// encoding 'windows-1251' with 'emoji 😀 here' failed with "' ' (U+0000)" and no row: an astral
// character was taken as encodable and its position was lost (#10).
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

describe('toCsv: a character windows-1251 cannot hold', () => {
  it('names an astral character, its row and its column', async () => {
    const error = await readAll(
      toCsv(
        [
          { a: 'ok', t: 'fine' },
          { a: 'x', t: 'emoji 😀 here' },
        ],
        { encoding: 'windows-1251' },
      ),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_UNMAPPABLE_CHARACTER', row: 1, column: 't' });
    expect((error as Error).message).toContain("'😀' (U+1F600)");
  });

  it('names the first row too (row 0, after the header)', async () => {
    await expect(readAll(toCsv([{ a: 'x', t: 'emoji 😀 here' }], { encoding: 'windows-1251' }))).rejects.toMatchObject({
      code: 'ROWPORT_UNMAPPABLE_CHARACTER',
      row: 0,
      column: 't',
    });
  });

  it('names the column of a header it cannot hold, with no row (the header is no source row)', async () => {
    const error = await readAll(toCsv([{ 'a😀': 1 }], { encoding: 'windows-1251' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_UNMAPPABLE_CHARACTER', row: undefined, column: 'a😀' });
    expect((error as Error).message).toContain("'😀' (U+1F600)");
  });

  it('writes ? for it with unmappable: replace', async () => {
    const bytes = await readAll(toCsv([{ t: 'a😀b' }], { encoding: 'windows-1251', unmappable: 'replace', header: false }));
    expect(bytes.toString('latin1')).toBe('a?b\r\n'); // one '?' for one character, as Python's errors='replace'
  });
});
