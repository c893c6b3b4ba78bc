import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMERIC_LITERAL, exactBigint, exactDouble, shortNumberText, withDecimalComma, xlsxNumberText } from '../../src/writer/numbers.js';
import { numberText } from '../../src/writer/values.js';

describe('NUMERIC_LITERAL', () => {
  it.each(['0', '-3', '+5', '12.50', '.5', '5.', '1e3', '-1.5E-7', '007'])('matches %j', (text) => {
    expect(NUMERIC_LITERAL.test(text)).toBe(true);
  });
  it.each(['', ' 7 ', '7 ', '1_000', '0x10', 'Infinity', 'NaN', '1,5', '.', '-', '1e', '1.2.3', '--1', '١٢'])('does not match %j', (text) => {
    expect(NUMERIC_LITERAL.test(text)).toBe(false);
  });
});

describe('exactDouble', () => {
  it.each([
    ['0.1', 0.1],
    ['1.50', 1.5],
    ['+5', 5],
    ['1e3', 1000],
    ['007', 7],
    ['-0', -0],
    ['0e999999', 0],
    ['9007199254740992', 9007199254740992],
    ['12345678901234568e4', 1.2345678901234568e20],
    ['6.022e23', 6.022e23],
    ['1.7976931348623157e308', Number.MAX_VALUE],
    ['5e-324', 5e-324],
    ['0.30000000000000004', 0.30000000000000004],
  ])('holds %j as a number', (text, value) => {
    expect(exactDouble(text)).toBe(value);
  });
  it.each([
    '9223372036854775807',
    '12345678901234567.89',
    '9007199254740993',
    '0.1000000000000000055511151231257827', // the exact value of the double 0.1: more digits than its shortest form
    '1152921504606846976', // 2^60 exactly: the double prints as 1152921504606847000
    '1e400',
    '1e-400',
    '2e-324',
  ])('refuses %j', (text) => {
    expect(exactDouble(text)).toBeUndefined();
  });
  it('accepts the shortest text of every double, in any notation', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(exactDouble(String(n)) === n).toBe(true); // === : -0 and 0 are the same number here
        expect(exactDouble(n.toExponential()) === n).toBe(true);
      }),
    );
  });
  it('refuses an integer literal exactly when the double prints other digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }), (b) => {
        const printed = printedValue(String(Number(b)));
        expect(exactDouble(`${b}`) !== undefined).toBe(printed === b);
      }),
    );
  });
});

describe('exactBigint', () => {
  it('holds safe integers and round numbers', () => {
    expect(exactBigint(42n)).toBe(42);
    expect(exactBigint(-(2n ** 53n) + 1n)).toBe(-(2 ** 53) + 1);
    expect(exactBigint(10n ** 21n)).toBe(1e21);
  });
  it('refuses digits a double cannot hold', () => {
    expect(exactBigint(2n ** 63n - 1n)).toBeUndefined();
    expect(exactBigint(9007199254740993n)).toBeUndefined();
    expect(exactBigint(10n ** 400n)).toBeUndefined();
  });
});

describe('xlsxNumberText', () => {
  it.each([
    [1.5, '1.5'],
    [-0, '0'],
    [6.022e23, '6.022E+23'],
    [1e-7, '1E-7'],
    [5e-324, '5E-324'],
    [Number.MAX_VALUE, '1.7976931348623157E+308'],
    [2 ** 60, '1152921504606847000'],
  ])('writes %d as %j', (n, text) => {
    expect(xlsxNumberText(n)).toBe(text);
  });
  it('reads back as the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(Number(xlsxNumberText(n)) === n).toBe(true);
      }),
    );
  });
});

describe('withDecimalComma', () => {
  it.each([
    ['-1.5', '-1,5'],
    ['42', '42'],
    ['6.022e+23', '6,022e+23'],
    ['1e-7', '1e-7'],
  ])('writes %j as %j', (text, out) => {
    expect(withDecimalComma(text)).toBe(out);
  });
});

/** The integer a JS number's text (`'1.0000000000000001e+21'`, `'-42'`) stands for. */
function printedValue(text: string): bigint {
  const [mantissa = '', exponent = '0'] = text.split('e');
  const [int = '', frac = ''] = mantissa.split('.');
  return BigInt(int + frac) * 10n ** BigInt(Number(exponent) - frac.length);
}

describe('shortNumberText', () => {
  const sameAsNumberText = (value: number): void => {
    const short = shortNumberText(value);
    if (short !== undefined) expect(short).toBe(numberText(value));
  };

  it('gives the digits of numberText for every number it takes', () => {
    fc.assert(fc.property(fc.double(), sameAsNumberText), { numRuns: 20_000 });
  });

  it('takes whole numbers and cents below 10^8, with the digits of numberText', () => {
    const cents = fc.integer({ min: -(1e10 - 1), max: 1e10 - 1 }).map((n) => n / 100);
    fc.assert(
      fc.property(cents, (value) => {
        expect(shortNumberText(value)).toBe(numberText(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [0.5, '0.5'],
    [0.05, '0.05'],
    [-12.3, '-12.3'],
    [99_999_999.99, '99999999.99'],
    [10_000, '10000'],
    [12_345_678, '12345678'],
  ])('writes %d as %j', (value, text) => {
    expect(shortNumberText(value)).toBe(text);
  });

  it.each([0.001, 1e8, -1e8, 0.1 + 0.2, 1 / 3, Number.NaN, Number.POSITIVE_INFINITY, 5e-324])('leaves %d to numberText', (value) => {
    expect(shortNumberText(value)).toBeUndefined();
  });
});
