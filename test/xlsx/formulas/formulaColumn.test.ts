import { describe, expect, it } from 'vitest';
import { compileFormula, formulaCellXml } from '../../../src/xlsx/formulas/formulaColumn.js';

describe('compileFormula', () => {
  it('fills {r} in a template with the row number, dropping a leading =', () => {
    expect(compileFormula('f', 'ratio', '=E{r}/F{r}')({}, 7, 5)).toBe('E7/F7');
    expect(compileFormula('f', 'now', 'TODAY()')({}, 7, 5)).toBe('TODAY()');
  });
  it('calls a function with the row and its row number', () => {
    expect(compileFormula('f', 'ratio', (row: { k: string }, r: number) => `${row.k}${r}*2`)({ k: 'B' }, 3, 1)).toBe('B3*2');
  });
  it.each([undefined, 3, '', '=', 'x'.repeat(8193)])('rejects %j with ROWPORT_INVALID_OPTION', (formula) => {
    expect(() => compileFormula('sheets[0].columns[2].formula', 'ratio', formula)).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('`sheets[0].columns[2].formula`') }),
    );
  });
  it('reports a function that throws or returns no formula with row and column', () => {
    const boom = compileFormula('f', 'ratio', () => {
      throw new Error('boom');
    });
    expect(() => boom({}, 2, 0)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_VALUE', row: 0, column: 'ratio' }));
    expect(() => compileFormula('f', 'ratio', () => 42)({}, 3, 1)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'ratio' }));
  });
});

describe('formulaCellXml', () => {
  it('caches numbers, text, booleans; leaves the value out when there is none', () => {
    expect(formulaCellXml('G2', '', 'E2/F2', 0.5)).toBe('<c r="G2"><f>E2/F2</f><v>0.5</v></c>');
    expect(formulaCellXml('G2', ' s="2"', 'A2&"<"', 'x<')).toBe('<c r="G2" s="2" t="str"><f>A2&amp;"&lt;"</f><v>x&lt;</v></c>');
    expect(formulaCellXml('G2', '', 'A2>1', true)).toBe('<c r="G2" t="b"><f>A2&gt;1</f><v>1</v></c>');
    expect(formulaCellXml('G2', '', '1/0', Number.POSITIVE_INFINITY)).toBe('<c r="G2" t="e"><f>1/0</f><v>#NUM!</v></c>');
    expect(formulaCellXml('G2', '', 'E2/F2', undefined)).toBe('<c r="G2"><f>E2/F2</f></c>');
  });
});
