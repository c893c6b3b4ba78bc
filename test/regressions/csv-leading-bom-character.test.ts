// Without a BOM (`bom: false`, or UTF-16 BE/LE with `bom: false`), a first field starting with
// U+FEFF was written bare at the very start of the file, where every reader (fromCsv, python's
// utf-8-sig, csv-parse with `bom: true`) drops it as a byte order mark: the character was lost, and
// a header of only U+FEFF turned into a blank line, so the next row was taken for the header.
// That first field is now quoted, as a first `ID` field already was (#12).
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { fromCsv, toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

async function readBack(bytes: Buffer, options: Parameters<typeof fromCsv>[1] = {}): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  for await (const row of fromCsv(bytes, options)) rows.push(row);
  return rows;
}

describe('toCsv without a BOM: a first field starting with U+FEFF', () => {
  it('quotes it in the header', async () => {
    const bytes = await readAll(toCsv([{ '\uFEFFid': 1, b: 2 }], { bom: false }));
    expect(bytes.toString('utf8')).toBe('"\uFEFFid",b\r\n1,2\r\n');
    expect(await readBack(bytes)).toEqual([{ '\uFEFFid': '1', b: '2' }]);
  });

  it('keeps a header of only U+FEFF, so the first row stays a row', async () => {
    const bytes = await readAll(toCsv([{ k: '' }, { k: 'x' }], { columns: [{ key: 'k', header: '\uFEFF' }], bom: false }));
    expect(await readBack(bytes)).toEqual([{ '\uFEFF': '' }, { '\uFEFF': 'x' }]);
  });

  it('quotes it in the first row of array rows (no header)', async () => {
    const rows = [
      ['\uFEFFa', 'b'],
      ['\uFEFFc', 'd'],
    ];
    const bytes = await readAll(toCsv(rows, { bom: false }));
    expect(bytes.toString('utf8')).toBe('"\uFEFFa",b\r\n\uFEFFc,d\r\n');
    expect(parse(bytes, { bom: true })).toEqual(rows);
    expect(await readBack(bytes, { headers: ['x', 'y'] })).toEqual([
      { x: '\uFEFFa', y: 'b' },
      { x: '\uFEFFc', y: 'd' },
    ]);
  });

  it('in UTF-16 without a BOM too', async () => {
    const bytes = await readAll(toCsv([['\uFEFFa', 'b']], { bom: false, encoding: 'utf-16le' }));
    expect(await readBack(bytes, { encoding: 'utf-16le', delimiter: '\t', headers: ['x', 'y'] })).toEqual([{ x: '\uFEFFa', y: 'b' }]);
  });

  it('with a BOM, the field is the second U+FEFF and stays bare', async () => {
    const bytes = await readAll(toCsv([['\uFEFFa', 'b']]));
    expect(bytes.toString('utf8')).toBe('\uFEFF\uFEFFa,b\r\n');
    expect(await readBack(bytes, { headers: ['x', 'y'] })).toEqual([{ x: '\uFEFFa', y: 'b' }]);
  });
});
