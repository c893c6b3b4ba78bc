// 16,385 `columns` passed toXlsx and toWorkbook and failed only while streaming, after the call had
// returned; an XLSX sheet holds 16,384 columns, so it is refused at the call. CSV has no such limit (#18).
import { describe, expect, it } from 'vitest';
import { toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll, readText } from '../helpers/streams.js';

const keys = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
const row = (n: number) => Object.fromEntries(keys(n).map((k, i) => [k, i]));

describe('more columns than an XLSX sheet holds', () => {
  it('toXlsx and toWorkbook refuse 16,385 columns at the call, naming the option', () => {
    expect(() => toXlsx([row(2)], { columns: keys(16_385) })).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringMatching(/^Invalid option `columns`: expected at most 16384 columns/) }),
    );
    expect(() =>
      toWorkbook([
        { name: 'a', rows: [] },
        { name: 'b', rows: [row(2)], columns: keys(16_385) },
      ]),
    ).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('`sheets[1].columns`') }));
  });

  it('16,384 columns are written', async () => {
    expect((await readAll(toXlsx([row(16_384)], { columns: keys(16_384), autoFit: false }))).length).toBeGreaterThan(0);
  });

  it('a first row with 16,385 keys, without columns, fails naming row 0', async () => {
    await expect(readAll(toXlsx([row(16_385)]))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 0, message: expect.stringContaining('16384') });
  });

  it('CSV takes any number of columns', async () => {
    const text = await readText(toCsv([row(16_385)], { columns: keys(16_385), bom: false }));
    expect(text.split('\r\n')[1]?.split(',')).toHaveLength(16_385);
  });
});
