import { format } from 'date-fns/format';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizePattern } from '../../src/dates/pattern.js';
import { formatDate } from '../../src/index.js';

describe('tokenizePattern', () => {
  it('splits tokens, quoted text and literals', () => {
    expect(tokenizePattern("d MMM 'at' HH'h'''")).toEqual([
      { kind: 'token', text: 'd' },
      { kind: 'literal', text: ' ' },
      { kind: 'token', text: 'MMM' },
      { kind: 'literal', text: ' ' },
      { kind: 'quoted', text: 'at' },
      { kind: 'literal', text: ' ' },
      { kind: 'token', text: 'HH' },
      { kind: 'quoted', text: "h'" },
    ]);
    expect(tokenizePattern("HH''mm")).toEqual([
      { kind: 'token', text: 'HH' },
      { kind: 'quoted', text: "'" },
      { kind: 'token', text: 'mm' },
    ]);
    expect(tokenizePattern("'it''s'")).toEqual([{ kind: 'quoted', text: "it's" }]);
    expect(tokenizePattern('')).toEqual([]);
  });

  it('reads patterns as date-fns does: our renderer and date-fns agree on any mix of tokens, quotes and literals', () => {
    const piece = fc.oneof(
      fc.constantFrom('yyyy', 'yy', 'MM', 'M', 'dd', 'd', 'HH', 'H', 'hh', 'h', 'mm', 'm', 'ss', 's', 'a'),
      fc.constantFrom(' ', '-', '/', '.', ', ', ':', "''", "'at'", "'o''clock'", "'T'", '_'),
    );
    const date = new Date(Date.UTC(2024, 2, 5, 14, 7, 9));
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        // Separate adjacent tokens of one letter (`d` + `dd` would be read as `ddd`).
        const pattern = pieces.reduce((out, p) => (out && /[a-zA-Z]$/.test(out) && out.at(-1) === p[0] ? `${out} ${p}` : out + p), '');
        expect(formatDate(date, pattern)).toBe(format(date.getTime() + date.getTimezoneOffset() * 60_000, pattern));
      }),
    );
  });
});
