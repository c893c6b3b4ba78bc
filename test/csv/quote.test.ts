import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoneSurrogate, compileQuoter } from '../../src/csv/quote.js';

// Any UTF-16 text: lone surrogates, pairs, CR, LF, quotes and delimiters among other characters.
const text = fc
  .array(fc.constantFrom('a', 'é', '日', ',', ';', '|', '"', "'", '\r', '\n', ' ', '😀', '\ud800', '\udfff'), { maxLength: 12 })
  .map((parts) => parts.join(''));
const dialects = fc.record({ delimiter: fc.constantFrom(',', ';', '||', '\t'), quote: fc.constantFrom('"', "'"), quoteAll: fc.boolean() });

describe('compileQuoter', () => {
  it('wellFormed: the same field for well-formed text, LoneSurrogate (with its code unit) for the rest', () => {
    fc.assert(
      fc.property(dialects, text, ({ delimiter, quote, quoteAll }, value) => {
        const loose = compileQuoter(delimiter, quote, quoteAll);
        const strict = compileQuoter(delimiter, quote, quoteAll, true);
        if (value.isWellFormed()) {
          expect(strict(value)).toBe(loose(value));
        } else {
          const error = (() => {
            try {
              strict(value);
            } catch (e) {
              return e;
            }
          })();
          expect(error).toBeInstanceOf(LoneSurrogate);
          expect([0xd800, 0xdfff]).toContain((error as LoneSurrogate).code);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('quotes a field with the delimiter, the quote, CR or LF, doubling the quote', () => {
    const quote = compileQuoter(',', '"', false, true);
    expect(quote('plain 😀')).toBe('plain 😀');
    expect(quote('a,b')).toBe('"a,b"');
    expect(quote('say "hi"')).toBe('"say ""hi"""');
    expect(quote('two\nlines')).toBe('"two\nlines"');
  });
});
