// Map, Set, Error and RegExp values became `{}`, and a Float64Array `{"0":1.5,…}` though the docs
// said typed arrays are base64. Each now has a rule, the same in CSV and XLSX (#10).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const cases: [string, unknown, string][] = [
  [
    'Map',
    new Map<unknown, unknown>([
      ['a', 1],
      [2, 'b'],
    ]),
    '[["a",1],[2,"b"]]',
  ],
  ['Set', new Set([1, 'x']), '[1,"x"]'],
  ['RegExp', /ab+c/gi, '/ab+c/gi'],
  ['Float64Array', new Float64Array([1.5, 2]), '[1.5,2]'],
  ['BigInt64Array', new BigInt64Array([5n]), '["5"]'],
  ['Buffer', Buffer.from('hi'), 'aGk='],
  ['Uint8Array', new Uint8Array([1, 2, 3]), 'AQID'],
  ['ArrayBuffer', new Uint8Array([1, 2, 3]).buffer, 'AQID'],
  ['DataView', new DataView(new Uint8Array([0, 1, 2, 3]).buffer, 1, 3), 'AQID'],
  ['nested', { m: new Map([['k', new Set([1])]]), b: Buffer.from('hi'), f: new Float32Array([0.5]) }, '{"m":[["k",[1]]],"b":"aGk=","f":[0.5]}'],
];

describe('object values', () => {
  it.each(cases)('%s: CSV and XLSX write the same text', async (_name, value, expected) => {
    const csv = (await readAll(toCsv([{ v: value }], { header: false, bom: false, quoteAll: true }))).toString();
    expect(csv).toBe(`"${expected.replace(/"/g, '""')}"\r\n`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readAll(toXlsx([{ v: value }], { header: false }))) as never);
    expect((workbook.worksheets[0] as ExcelJS.Worksheet).getCell(1, 1).value).toBe(expected);
  });

  it('refuses an Error, at the top level or inside a value, with row and column', async () => {
    for (const v of [new Error('boom'), { e: new TypeError('boom') }]) {
      await expect(readAll(toCsv([{ v: 1 }, { v }]))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'v' });
      await expect(readAll(toXlsx([{ v: 1 }, { v }]))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'v' });
    }
  });
});
