// A row whose only field was empty ('' / null / undefined) was written as an empty line, which
// python's csv reads as [] and pandas skips: the row was lost. It must be `""` (#10).
import { describe, expect, it } from 'vitest';
import { fromCsv, toCsv } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { readText } from '../helpers/streams.js';

describe('toCsv: a row with one empty field', () => {
  it('writes "" for an empty string, null and undefined', async () => {
    const text = await readText(toCsv([{ t: '' }, { t: null }, { t: undefined }, { t: 'x' }], { columns: ['t'], bom: false }));
    expect(text).toBe('t\r\n""\r\n""\r\n""\r\nx\r\n');
  });

  it('quotes a lone field of only spaces or tabs, which readers would skip as a blank line', async () => {
    const text = await readText(toCsv([{ t: ' ' }, { t: ' \t' }, { t: ' x ' }], { columns: ['t'], bom: false }));
    expect(text).toBe('t\r\n" "\r\n" \t"\r\n x \r\n');
    const back: unknown[] = [];
    for await (const row of fromCsv(Buffer.from(text))) back.push(row);
    expect(back).toEqual([{ t: ' ' }, { t: ' \t' }, { t: ' x ' }]);
  });

  it('writes "" for an empty header of a single column', async () => {
    expect(await readText(toCsv([{ t: 1 }], { columns: [{ key: 't', header: '' }], bom: false }))).toBe('""\r\n1\r\n');
  });

  it.runIf(haveTool('python'))("python's csv reads every row back", async () => {
    const text = await readText(toCsv([{ t: '' }, { t: null }, { t: 'x' }], { columns: ['t'], bom: false }));
    const rows = python<string[][]>('import csv,io,json,sys; print(json.dumps(list(csv.reader(io.StringIO(json.load(sys.stdin), newline="")))))', text);
    expect(rows).toEqual([['t'], [''], [''], ['x']]);
  });
});
