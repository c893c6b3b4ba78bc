// A Decimal.js value (what Prisma returns for a `Decimal` field), whose `toJSON()` gives its
// digits, was a text cell in a `decimal` column of XLSX, where a numeric string of the same digits
// is a number cell Excel can sum; and CSV with `decimalSeparator: ','` kept its `.`. It is now
// written as its numeric string is: a number when a double holds its digits, else its exact digits.
import { afterAll, describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from '../../src/index.js';
import { readText } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';
import { readWithOpenpyxl, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterAll(removeTempDirs);

/** A Decimal.js-like number: `toJSON()` gives its digits as a string. */
class Decimal {
  constructor(private readonly digits: string) {}
  toJSON(): string {
    return this.digits;
  }
}
const rows = () => [
  { amount: new Decimal('12.50') },
  { amount: new Decimal('-0.1') },
  { amount: new Decimal('12345678901234567890.5') },
  { amount: new Decimal('NaN') },
];
const columns = [{ key: 'amount', type: 'decimal' as const }];

describe('Decimal.js values in a number column', () => {
  it.runIf(haveTool('openpyxl'))('XLSX: number cells, as for the numeric strings, exact digits as text past a double', async () => {
    const warnings: string[] = [];
    const path = await saveTo(tempDir(), 'decimals.xlsx', toXlsx(rows(), { columns, header: false, onWarning: (w) => warnings.push(w.code) }));
    const cells = readWithOpenpyxl([path])[path]!.sheets[0]!.rows.map((r) => [r[0]!.v, r[0]!.t, r[0]!.f]);
    expect(cells).toEqual([
      [12.5, 'n', '0.00'],
      [-0.1, 'n', '0.00'],
      ['12345678901234567890.5', 's', 'General'],
      ['NaN', 's', 'General'],
    ]);
    expect(warnings).toEqual(['ROWPORT_NUMBER_AS_TEXT']);
  });

  it('CSV: the digits, with the decimal comma of the dialect', async () => {
    expect(await readText(toCsv(rows(), { columns, header: false, bom: false, dialect: 'excel-eu' }))).toBe(
      '12,50\r\n-0,1\r\n12345678901234567890,5\r\nNaN\r\n',
    );
    expect(await readText(toCsv(rows(), { columns, header: false, bom: false }))).toBe('12.50\r\n-0.1\r\n12345678901234567890.5\r\nNaN\r\n');
  });
});

describe('Decimal.js values under a totals row', () => {
  it.runIf(haveTool('openpyxl'))("the totals row's cached sum counts them, as the number cells hold them", async () => {
    const path = await saveTo(tempDir(), 'totals.xlsx', toXlsx(rows(), { columns, table: { totals: { amount: 'sum' } }, onWarning: () => {} }));
    const cached = python<unknown[]>(
      'import json, sys, openpyxl\nws = openpyxl.load_workbook(json.load(sys.stdin), data_only=True).active\nprint(json.dumps([c.value for c in ws["A"]]))',
      path,
    );
    expect(cached).toEqual(['amount', 12.5, -0.1, '12345678901234567890.5', 'NaN', 12.4]);
  });
});
