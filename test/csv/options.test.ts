import { ICONV } from '../../src/csv/iconv.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { CSV_DIALECTS, resolveCsvOptions } from '../../src/csv/options.js';
import { readText } from '../helpers/streams.js';

const BOM = '\uFEFF';
const csv = async (rows: unknown, options: object = {}) => readText(toCsv(rows as never, options));
const invalid = expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' });

describe('resolveCsvOptions', () => {
  describe('option `decimalSeparator`', () => {
    it("defaults to '.'", () => {
      expect(resolveCsvOptions({}).decimalSeparator).toBe('.');
    });
    it.each(['.', ','] as const)('accepts %j', (decimalSeparator) => {
      expect(resolveCsvOptions({ decimalSeparator, delimiter: ';' }).decimalSeparator).toBe(decimalSeparator);
    });
    it.each([';', '', ' ', 'comma', 0, null, true])('rejects %j at the call', (decimalSeparator) => {
      expect(() => toCsv([], { decimalSeparator } as never)).toThrow(invalid);
    });
    it.each([
      [{ decimalSeparator: ',' }], // the default delimiter is ','
      [{ decimalSeparator: ',', delimiter: ', ' }],
      [{ decimalSeparator: '.', delimiter: '.' }],
      [{ decimalSeparator: ',', delimiter: ';', quote: ',' }],
    ])('refuses a separator that is part of the delimiter or the quote: %j', (options) => {
      expect(() => toCsv([], options as never)).toThrow(invalid);
    });
  });

  describe('option `dialect`', () => {
    it("'excel-eu' presets ';', ',' and eu dates, and keeps the BOM", () => {
      const r = resolveCsvOptions({ dialect: 'excel-eu' });
      expect([r.delimiter, r.decimalSeparator, r.dateFormat, r.bom]).toEqual([';', ',', 'eu', true]);
      expect(CSV_DIALECTS['excel-eu']).toEqual({ delimiter: ';', decimalSeparator: ',', dateFormat: 'eu' });
    });
    it('lets explicit options override the preset', () => {
      const r = resolveCsvOptions({ dialect: 'excel-eu', delimiter: '\t', dateFormat: 'iso', bom: false, decimalSeparator: '.' });
      expect([r.delimiter, r.decimalSeparator, r.dateFormat, r.bom]).toEqual(['\t', '.', 'iso', false]);
    });
    it('takes an option given as undefined from the preset', () => {
      expect(resolveCsvOptions({ dialect: 'excel-eu', delimiter: undefined } as never).delimiter).toBe(';');
    });
    it('refuses an explicit delimiter that clashes with the preset decimal comma', () => {
      expect(() => toCsv([], { dialect: 'excel-eu', delimiter: ',' })).toThrow(invalid);
    });
    it('writes no BOM in an encoding that has none', () => {
      expect(resolveCsvOptions({ dialect: 'excel-eu', encoding: 'windows-1252' }, ICONV).bom).toBe(false);
    });
    it.each(['excel', 'EXCEL-EU', 'toString', '', 1, null])('rejects %j at the call', (dialect) => {
      expect(() => toCsv([], { dialect } as never)).toThrow(invalid);
    });
  });
});

describe('toCsv with a decimal comma', () => {
  const rows = [{ n: -1234.5, e: 6.022e23, tiny: 1.5e-7, i: 42, big: 12345678901234567890123n, s: '12.50', d: '3.25', t: 'a;b', nan: Number.NaN }];
  const columns = ['n', 'e', 'tiny', 'i', 'big', 's', { key: 'd', type: 'decimal' }, 't', 'nan'];
  it('writes numbers and the numeric strings of numeric columns with a comma, quotes a field holding the delimiter', async () => {
    expect(await csv(rows, { columns, decimalSeparator: ',', delimiter: ';' })).toBe(
      `${BOM}n;e;tiny;i;big;s;d;t;nan\r\n-1234,5;6,022e+23;1,5e-7;42;12345678901234567890123;12.50;3,25;"a;b";NaN\r\n`,
    );
  });
  it("writes the 'excel-eu' dialect: ';', ',' and dd.MM.yyyy dates", async () => {
    const out = await csv([{ total: 74.92, day: new Date(Date.UTC(2024, 0, 15)), qty: '3.5' }], {
      dialect: 'excel-eu',
      columns: ['total', { key: 'day', type: 'date' }, { key: 'qty', type: 'decimal' }],
    });
    expect(out).toBe(`${BOM}total;day;qty\r\n74,92;15.01.2024;3,5\r\n`);
  });
  it('leaves numbers untouched by default', async () => {
    expect(await csv([{ n: 1.5, s: '1.5' }], { columns: ['n', { key: 's', type: 'decimal' }] })).toBe(`${BOM}n,s\r\n1.5,1.5\r\n`);
  });
  it('leaves text in a numeric column that is not a plain literal as it is', async () => {
    expect(await csv([{ s: '1.5 kg' }, { s: '=1.5' }], { delimiter: ';', decimalSeparator: ',', columns: [{ key: 's', type: 'decimal' }] })).toBe(
      `${BOM}s\r\n1.5 kg\r\n'=1.5\r\n`,
    );
  });
  it.each([[{ key: 'v', type: 'decimal' as const }], ['v']])('differs from the default only by the separator (column %j)', async (column) => {
    const literal = fc.stringMatching(/^[+-]?(?:\d{1,20}\.?\d{0,10}|\.\d{1,10})(?:[eE][+-]?\d{1,3})?$/);
    const text = fc.string().filter((t) => !/[\r\n]/.test(t));
    const value = fc.oneof(fc.double(), fc.bigInt(), literal, text);
    const numeric = typeof column !== 'string';
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 30 }), async (values) => {
        const rows = values.map((v) => ({ v }));
        const dot = (await csv(rows, { columns: [column], delimiter: ';', bom: false })).split('\r\n');
        const comma = (await csv(rows, { columns: [column], delimiter: ';', bom: false, decimalSeparator: ',' })).split('\r\n');
        values.forEach((v, i) => {
          const field = dot[i + 1] as string;
          const converts = typeof v === 'number' || (numeric && typeof v === 'string' && /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(v));
          // A signed plain number with a decimal comma (`-0,5`) is a number there, so it loses the formula escape it has with a dot.
          const commaNumber = typeof v === 'string' && /^[+-](?:\d+(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?$/.test(v);
          expect(comma[i + 1]).toBe(converts ? field.replace('.', ',') : commaNumber ? field.replace(/^'/, '') : field);
        });
      }),
    );
  });
});
