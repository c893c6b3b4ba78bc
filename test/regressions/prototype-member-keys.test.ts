// Keys that Object.prototype has were read from the prototype: {"constructor":"x","a":1} then
// {"a":2} failed on the inherited function, `columns: ['toString']` the same, and a `__proto__`
// column wrote `{}` or changed selectColumns' output object's prototype (#10).
import { describe, expect, it } from 'vitest';
import { formatDates, selectColumns, toCsv, toXlsx } from '../../src/index.js';
import { readAll, readText } from '../helpers/streams.js';
import ExcelJS from 'exceljs';

const rows = (): Record<string, unknown>[] => JSON.parse('[{"constructor":"x","a":1,"__proto__":"p"},{"a":2}]');

describe('own properties only', () => {
  it('toCsv leaves inherited members empty (header from the first row)', async () => {
    expect(await readText(toCsv(rows(), { bom: false }))).toBe('constructor,a,__proto__\r\nx,1,p\r\n,2,\r\n');
  });

  it('toCsv with columns named like Object.prototype members and dot paths through them', async () => {
    const text = await readText(
      toCsv([{ a: { b: 1 } }] as Record<string, unknown>[], {
        columns: ['toString', 'a', '__proto__', 'a.constructor', 'a.b', 'hasOwnProperty.x'],
        bom: false,
      }),
    );
    expect(text).toBe('toString,a,__proto__,a.constructor,a.b,hasOwnProperty.x\r\n,"{""b"":1}",,,1,\r\n');
  });

  it('toXlsx too', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readAll(toXlsx(rows()))) as never);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const values = [1, 2, 3].map((r) => [1, 2, 3].map((c) => sheet.getCell(r, c).value));
    expect(values).toEqual([
      ['constructor', 'a', '__proto__'],
      ['x', 1, 'p'],
      [null, 2, null],
    ]);
  });

  it('selectColumns keeps __proto__ as an own key of a plain object', async () => {
    const out: Record<string, unknown>[] = [];
    for await (const row of selectColumns(rows(), ['a', '__proto__', 'constructor'])) out.push(row);
    expect(Object.getPrototypeOf(out[0])).toBe(Object.prototype);
    expect(Object.hasOwn(out[0] as object, '__proto__')).toBe(true);
    expect(Object.entries(out[0] as object)).toEqual([
      ['a', 1],
      ['__proto__', 'p'],
      ['constructor', 'x'],
    ]);
    expect(Object.entries(out[1] as object)).toEqual([
      ['a', 2],
      ['__proto__', undefined],
      ['constructor', undefined],
    ]);
  });

  it('formatDates skips inherited members of its columns', async () => {
    const out: unknown[] = [];
    for await (const row of formatDates([{ d: '2024-01-15' }], 'eu', { columns: ['d', 'constructor', 'toString'] })) out.push(row);
    expect(out).toEqual([{ d: '15.01.2024' }]);
  });
});
