// Inside objects and arrays, functions and symbols vanished (`{}`, `[null,null]`) and NaN/Infinity
// (also in a Float64Array) became `null`: nested values now follow one rule, in CSV and XLSX (#18).
import { describe, expect, it } from 'vitest';
import { toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll, readText } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

const csv = async (value: unknown) => (await readText(toCsv([{ v: value }], { bom: false, header: false, delimiter: '\t', quote: "'" }))).slice(0, -2);
const xlsxCell = async (value: unknown) => {
  const sheet = parts(await readAll(toXlsx([{ v: value }], { header: false })))['xl/worksheets/sheet1.xml'];
  return /<t[^>]*>([^<]*)<\/t>/.exec(sheet ?? '')?.[1]?.replaceAll('&quot;', '"');
};

describe('values nested in objects and arrays', () => {
  it.each([
    ['a function in an object', { f: () => 1 }],
    ['a function in an array', [1, () => 1]],
    ['a symbol in an object', { s: Symbol('x') }],
    ['a symbol in an array', [Symbol('x')]],
    ['NaN in an array', [1, Number.NaN]],
    ['Infinity in an object', { n: Infinity }],
    ['-Infinity in a Map', new Map([['a', -Infinity]])],
    ['NaN in a Set', new Set([Number.NaN])],
    ['NaN in a Float64Array', new Float64Array([1, Number.NaN])],
    ['Infinity in a nested Float32Array', { a: new Float32Array([Infinity]) }],
    ['a WeakMap', { w: new WeakMap() }],
    ['a WeakSet', [new WeakSet()]],
    ['an Error deep inside', { a: [{ e: new Error('x') }] }],
  ])('refuses %s with ROWPORT_INVALID_VALUE naming row and column', async (_, value) => {
    const rows = [{ v: 1 }, { v: value }];
    const expected = { code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'v' };
    await expect(readAll(toCsv(rows))).rejects.toMatchObject(expected);
    await expect(readAll(toXlsx(rows))).rejects.toMatchObject(expected);
    await expect(readAll(toXlsx(rows, { columns: [{ key: 'v', type: 'string' }] }))).rejects.toMatchObject(expected);
    await expect(readAll(toWorkbook([{ name: 's', rows }]))).rejects.toMatchObject(expected);
  });

  it('refuses an invalid Date inside a value with ROWPORT_INVALID_DATE', async () => {
    const rows = [{ v: { at: new Date(Number.NaN) } }];
    await expect(readAll(toCsv(rows))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_DATE', row: 0, column: 'v' });
    await expect(readAll(toXlsx(rows))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_DATE', row: 0, column: 'v' });
  });

  it.each([
    [{ n: 1.5, b: 12345678901234567890n, s: 'x', t: true, z: null }, '{"n":1.5,"b":"12345678901234567890","s":"x","t":true,"z":null}'],
    [{ at: new Date(Date.UTC(2024, 0, 15, 12)) }, '{"at":"2024-01-15T12:00:00.000Z"}'],
    [[new Map([[1, new Set([2])]])], '[[[1,[2]]]]'],
    [new Float64Array([1.5, -0, 2]), '[1.5,0,2]'],
    [{ a: new BigInt64Array([2n ** 62n]) }, '{"a":["4611686018427387904"]}'],
    [{ r: /a+/g, u: undefined }, '{"r":"/a+/g"}'],
    [[undefined, 1], '[null,1]'],
  ])('writes %o as the same JSON text in CSV and XLSX', async (value, text) => {
    expect(await csv(value)).toBe(text);
    expect(await xlsxCell(value)).toBe(text);
  });
});
