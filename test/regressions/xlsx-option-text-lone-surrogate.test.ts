import { describe, expect, it } from 'vitest';
import { RowportError, type ToXlsxOptions, toXlsx } from '../../src/index.js';

// A lone surrogate in a table's totals label, a text rule's `contains` or a cell rule's text value
// was written as U+FFFD, without a word: the label read back as other text, and the rule matched
// other text than asked. XML cannot carry a lone surrogate, and these are options, checked at the
// call as a dropdown's items and prompts already are: they are now ROWPORT_INVALID_OPTION naming
// the option, before any row is read.
const style = { bold: true };
const cases: [string, ToXlsxOptions<{ a: string; b: number }>][] = [
  ['table.totals.a', { table: { totals: { a: 'Total \uD800', b: 'sum' } } }],
  ['table.totals.a.label', { table: { totals: { a: { label: 'Sum \uDC00' } } } }],
  ['conditionalFormats[0].contains', { conditionalFormats: [{ type: 'text', column: 'a', contains: 'late \uD800', style }] }],
  ['conditionalFormats[0].value', { conditionalFormats: [{ type: 'cell', column: 'a', operator: '=', value: 'x\uDC00', style }] }],
  ['conditionalFormats[0].value[1]', { conditionalFormats: [{ type: 'cell', column: 'a', operator: 'between', value: ['a', 'z\uD800'], style }] }],
];

describe('a lone surrogate in the text of a totals label or a conditional format', () => {
  for (const [option, options] of cases) {
    it(`is refused at the call: ${option}`, () => {
      let error: unknown;
      try {
        toXlsx([{ a: 'x', b: 1 }], { columns: ['a', 'b'], ...options });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RowportError);
      expect((error as RowportError).code).toBe('ROWPORT_INVALID_OPTION');
      expect((error as RowportError).message).toContain(`\`${option}\``);
    });
  }

  it('still takes well-formed text with an emoji', () => {
    expect(() =>
      toXlsx([{ a: 'x', b: 1 }], { table: { totals: { a: 'Total 😀' } }, conditionalFormats: [{ type: 'text', column: 'a', contains: '😀', style }] }),
    ).not.toThrow();
  });
});
