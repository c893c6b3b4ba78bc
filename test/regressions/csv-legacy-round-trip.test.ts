// Shift_JIS wrote `¥` and `‾` as the bytes of `\` and `~` (which read back so) without the unmappable
// error; every legacy encoding now checks that each chunk decodes back to the text it was given (#18).
import { describe, expect, it } from 'vitest';
import { fromCsv, toCsv } from '../../src/index.js';
import { runInProcess } from '../helpers/cli.js';
import { readAll } from '../helpers/streams.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

describe('legacy encodings round trip exactly or refuse', () => {
  it.each([
    ['shift_jis', '¥'],
    ['shift_jis', '‾'],
    ['euc-jp', '¥'],
    ['windows-31j', 'a‾'],
    ['gbk', '\uE5E5'],
  ])('%s refuses %j as unmappable, naming row and column', async (encoding, text) => {
    await expect(
      readAll(
        toCsv(
          [
            { id: 1, name: 'ok' },
            { id: 2, name: text },
          ],
          { encoding },
        ),
      ),
    ).rejects.toMatchObject({
      code: 'ROWPORT_UNMAPPABLE_CHARACTER',
      row: 1,
      column: 'name',
    });
  });

  it("writes '?' for them with unmappable: 'replace'", async () => {
    const bytes = await readAll(toCsv([{ a: '¥1\\‾~' }], { encoding: 'shift_jis', unmappable: 'replace' }));
    expect(bytes.toString('latin1')).toBe('a\r\n?1\\?~\r\n');
  });

  it('keeps `\\` and `~` themselves, which Shift_JIS holds', async () => {
    const bytes = await readAll(toCsv([{ a: 'C:\\dir~1' }], { encoding: 'shift_jis' }));
    expect(await collect(fromCsv(bytes, { encoding: 'shift_jis' }))).toEqual([{ a: 'C:\\dir~1' }]);
  });

  it.each(['shift_jis', 'euc-jp', 'gbk', 'big5', 'euc-kr', 'windows-1252', 'koi8-r', 'utf-7'])(
    '%s: every BMP character reads back as itself or as the ? that replaced it',
    async (encoding) => {
      const chars: string[] = [];
      for (let c = 0x20; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) chars.push(String.fromCharCode(c));
      const rows = chars.map((char) => ({ char }));
      const bytes = await readAll(toCsv(rows, { encoding, unmappable: 'replace', escapeFormulas: false }));
      const back = await collect(fromCsv(bytes, { encoding }));
      expect(back).toHaveLength(rows.length);
      const wrong = back.flatMap((row, i) => (row.char === chars[i] || row.char === '?' ? [] : [`${chars[i]}→${row.char}`]));
      expect(wrong).toEqual([]);
    },
  );

  it('the CLI refuses them too', async () => {
    const { code, stderr: said } = await runInProcess(['--encoding', 'shift_jis'], { input: '[{"price":"¥100"}]' });
    expect(code).toBe(1);
    expect(said).toMatch(/ROWPORT_UNMAPPABLE_CHARACTER/);
  });
});
