// `toCsv` with a UTF-16 encoding and `unmappable: 'replace'` wrote a lone surrogate as it was (the
// unit 0xD800 alone), which is no valid UTF-16: python's codec refuses the whole file. UTF-8 wrote
// U+FFFD for it; UTF-16 LE and BE now do too (#12).
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';

const ROWS = [{ a: 'x\uD800y', b: '\uDC00', c: '😀' }];

describe("toCsv in UTF-16 with unmappable: 'replace'", () => {
  it.each([
    ['utf-16le', 'utf16le'],
    ['utf-16be', 'utf16be'],
  ])('writes U+FFFD for a lone surrogate in %s', async (encoding) => {
    const bytes = await readAll(toCsv(ROWS, { encoding, unmappable: 'replace', bom: false }));
    const text = encoding === 'utf-16le' ? bytes.toString('utf16le') : Buffer.from(bytes).swap16().toString('utf16le');
    expect(text).toBe('a\tb\tc\r\nx\uFFFDy\t\uFFFD\t😀\r\n');
    expect(new TextDecoder(encoding, { fatal: true }).decode(bytes)).toBe(text);
  });

  it.runIf(haveTool('python'))("python's strict utf-16 codec reads the file", async () => {
    const bytes = await readAll(toCsv(ROWS, { encoding: 'utf-16le', unmappable: 'replace' }));
    const rows = python<string[][]>(
      'import csv,io,json,sys,base64; t=base64.b64decode(json.load(sys.stdin)).decode("utf-16"); print(json.dumps(list(csv.reader(io.StringIO(t, newline=""), delimiter="\\t"))))',
      bytes.toString('base64'),
    );
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['x\uFFFDy', '\uFFFD', '😀'],
    ]);
  });
});
