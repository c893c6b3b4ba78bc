import { describe, expect, it } from 'vitest';
import { Zone } from '../../../src/dates/zone.js';
import type { Column } from '../../../src/types.js';
import { compileCell } from '../../../src/xlsx/cells/cells.js';
import { StyleRegistry } from '../../../src/xlsx/package/styles.js';
import { sheetColumns } from '../../helpers/sheetColumns.js';

function cellOf(column: Column, options: { dateFormat?: string; wrapText?: boolean; width?: number } = {}) {
  const styles = new StyleRegistry(undefined);
  const warnings: [string, number, string][] = [];
  const [resolved] = sheetColumns([column], {}, options.dateFormat);
  const write = compileCell(
    resolved!,
    {
      zone: new Zone('UTC'),
      dateFormat: options.dateFormat ?? 'iso',
      styles,
      wrapText: options.wrapText ?? true,
      warn: (code, _m, row, col) => warnings.push([code, row, col]),
    },
    options.width ?? 10,
  );
  return { write: (value: unknown, row = 0) => write(value, row, 'B7'), styles, warnings };
}

describe('compileCell', () => {
  it('writes a number with its address', () => {
    expect(cellOf({ key: 'n' }).write(3.25)).toBe('<c r="B7"><v>3.25</v></c>');
  });
  it('styles numbers of typed columns', () => {
    const { write, styles } = cellOf({ key: 'n', type: 'percent' });
    expect(write(0.5)).toBe('<c r="B7" s="1"><v>0.5</v></c>');
    expect(styles.toXml()).toContain('<xf numFmtId="10"');
  });
  it('registers no date format for a column without dates', () => {
    const { write, styles } = cellOf({ key: 'n' });
    write(1);
    expect(styles.toXml()).not.toContain('<numFmts');
  });
  it('writes an empty string for empty values', () => {
    const { write } = cellOf({ key: 'n' });
    for (const v of [null, undefined, '']) expect(write(v)).toBe('');
  });
  it('writes a boolean cell', () => {
    expect(cellOf({ key: 'b', type: 'boolean' }).write(true)).toBe('<c r="B7" t="b"><v>1</v></c>');
  });
  describe('numbers', () => {
    it('writes any finite JS number as a number cell, exponents with E', () => {
      const { write } = cellOf({ key: 'n' });
      expect(write(6.022e23)).toBe('<c r="B7"><v>6.022E+23</v></c>');
      expect(write(12345678901234567890)).toBe('<c r="B7"><v>12345678901234567000</v></c>');
      expect(write(2 ** 53 + 2)).toBe('<c r="B7"><v>9007199254740994</v></c>');
    });
    it.each([
      ['1.50', '1.5'],
      ['+5', '5'],
      ['1e3', '1000'],
      ['-0', '0'],
      ['0.1', '0.1'],
      ['00042', '42'],
    ])('writes the numeric string %j of a numeric column as the number %s', (text, v) => {
      const { write, warnings } = cellOf({ key: 'n', type: 'decimal' });
      expect(write(text)).toBe(`<c r="B7" s="1"><v>${v}</v></c>`);
      expect(warnings).toEqual([]);
    });
    it.each([' 7 ', '1,5', '0x1F', '1_000', 'Infinity'])('writes %j, not a plain literal, as text without a warning', (text) => {
      const { write, warnings } = cellOf({ key: 'n', type: 'integer' });
      expect(write(text)).toContain(' t="inlineStr"');
      expect(warnings).toEqual([]);
    });
    it.each(['9223372036854775807', '12345678901234567.89', '9007199254740993', '1e400', '-1e-400'])(
      'writes %j, which a double cannot hold, as exact text with a warning',
      (text) => {
        const { write, warnings } = cellOf({ key: 'n', type: 'integer' });
        expect(write(text, 4)).toMatch(new RegExp(`^<c r="B7"( s="\\d+")? t="inlineStr"><is><t>${text.replace(/[.+]/g, '\\$&')}</t></is></c>$`));
        expect(warnings).toEqual([['ROWPORT_NUMBER_AS_TEXT', 4, 'n']]);
      },
    );
    it('writes a bigint a double holds as a number, others as exact text with a warning', () => {
      const { write, warnings } = cellOf({ key: 'n' });
      expect(write(-(2n ** 53n) + 1n)).toBe('<c r="B7"><v>-9007199254740991</v></c>');
      expect(write(123n * 10n ** 30n)).toBe('<c r="B7"><v>1.23E+32</v></c>');
      expect(write(2n ** 63n - 1n, 2)).toContain(' t="inlineStr"><is><t>9223372036854775807</t></is></c>');
      expect(warnings).toEqual([['ROWPORT_NUMBER_AS_TEXT', 2, 'n']]);
    });
    it('keeps a numeric string of an untyped column as text, without a warning', () => {
      const { write, warnings } = cellOf({ key: 'n' });
      expect(write('9223372036854775807')).toContain('<t>9223372036854775807</t>');
      expect(warnings).toEqual([]);
    });
  });
  it('writes -0 as 0', () => {
    expect(cellOf({ key: 'n' }).write(-0)).toBe('<c r="B7"><v>0</v></c>');
  });
  it('writes a date serial with the date style', () => {
    const { write, styles } = cellOf({ key: 'd', type: 'date' }, { dateFormat: 'us' });
    expect(write(new Date(Date.UTC(2024, 0, 15, 13)))).toMatch(/^<c r="B7" s="\d+"><v>45306<\/v><\/c>$/);
    expect(styles.toXml()).toContain('formatCode="mm/dd/yyyy"');
  });
  it('uses the column numFmt for dates too', () => {
    const { write, styles } = cellOf({ key: 'd', numFmt: 'd mmm yyyy' });
    expect(write(new Date(Date.UTC(2024, 0, 15)))).toMatch(/^<c r="B7" s="\d+"><v>45306<\/v><\/c>$/);
    expect(styles.toXml()).toContain('formatCode="d mmm yyyy"');
  });
  it('renders a date in a string column as text', () => {
    expect(cellOf({ key: 'd', type: 'string' }).write(new Date(Date.UTC(2024, 0, 15)))).toBe('<c r="B7" t="inlineStr"><is><t>2024-01-15</t></is></c>');
  });
  it('wraps text longer than the column width', () => {
    const { write } = cellOf({ key: 's' }, { width: 5 });
    expect(write('abcde')).toBe('<c r="B7" t="inlineStr"><is><t>abcde</t></is></c>');
    expect(write('abcdef')).toBe('<c r="B7" s="1" t="inlineStr"><is><t>abcdef</t></is></c>');
  });
  it('reports warnings with row and column', () => {
    const { write, warnings } = cellOf({ key: 's' });
    write('x\udfff', 5);
    write('y'.repeat(40_000), 6);
    expect(warnings).toEqual([
      ['ROWPORT_LONE_SURROGATE', 5, 's'],
      ['ROWPORT_TEXT_TRUNCATED', 6, 's'],
    ]);
  });
  it.each([[() => 1], [Symbol('s')]])('rejects %s with row and column', (value) => {
    expect(() => cellOf({ key: 'v' }).write(value, 3)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_VALUE', row: 3, column: 'v' }));
  });
  it('rejects a string that is not a date in a date column', () => {
    expect(() => cellOf({ key: 'd', type: 'date' }).write('soon', 2)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_DATE', row: 2, column: 'd' }));
  });
});
