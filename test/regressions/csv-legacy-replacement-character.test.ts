// A U+FFFD (`�`) in the text, written in windows-1252 (or 1250, 1251, 1254, ascii, …), was written as one
// of the code page's undefined bytes (0x9D in windows-1252), which iconv-lite reads back as U+FFFD, so
// the round-trip check passed; every other reader sees a control character (U+009D) or refuses the byte,
// and fromCsv warned of invalid bytes. A code page has no U+FFFD: it is unmappable there.
import { describe, expect, it } from 'vitest';
import { fromCsv, toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';

describe('toCsv: U+FFFD in a legacy code page', () => {
  it.each(['windows-1252', 'windows-1251', 'windows-1254', 'ascii'])('is unmappable in %s, naming row and column', async (encoding) => {
    const error = await readAll(
      toCsv(
        [
          { a: 'x', t: 'ok' },
          { a: 'x', t: 'a\uFFFDb' },
        ],
        { encoding },
      ),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_UNMAPPABLE_CHARACTER', row: 1, column: 't' });
  });

  it.runIf(haveTool('python'))("is written '?' with unmappable: 'replace', as python's cp1252 reads it", async () => {
    const bytes = await readAll(toCsv([{ t: 'a\uFFFDb' }], { encoding: 'windows-1252', unmappable: 'replace', header: false }));
    expect(bytes.toString('latin1')).toBe('a?b\r\n');
    const text = python<string>('import sys,json; print(json.dumps(bytes.fromhex(json.load(sys.stdin)).decode("cp1252")))', bytes.toString('hex'));
    expect(text).toBe('a?b\r\n');
    const warnings: unknown[] = [];
    const rows: unknown[] = [];
    for await (const row of fromCsv(bytes, { encoding: 'windows-1252', headers: ['t'], onWarning: (w) => warnings.push(w) })) rows.push(row);
    expect(rows).toEqual([{ t: 'a?b' }]);
    expect(warnings).toEqual([]);
  });

  it('stays exact in the Unicode encodings that hold it (GB 18030, UTF-8)', async () => {
    for (const encoding of ['gb18030', 'utf-8']) {
      const bytes = await readAll(toCsv([{ t: 'a\uFFFDb' }], { encoding, header: false, bom: false }));
      const rows: unknown[] = [];
      for await (const row of fromCsv(bytes, { encoding, headers: ['t'] })) rows.push(row);
      expect(rows).toEqual([{ t: 'a\uFFFDb' }]);
    }
  });
});
