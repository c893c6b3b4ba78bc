import { TZDate } from '@date-fns/tz/date';
import { format } from 'date-fns/format';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPattern } from '../../src/dates/compile.js';

/** True when date-fns `format` accepts the pattern. */
function dateFnsAccepts(pattern: string): boolean {
  try {
    format(new TZDate(0, 'UTC'), pattern);
    return true;
  } catch {
    return false;
  }
}

function weAccept(pattern: string): boolean {
  try {
    checkPattern(pattern);
    return true;
  } catch (error) {
    expect(error).toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
    return false;
  }
}

describe('checkPattern', () => {
  // D and Y are refused on purpose (date-fns warns on the console for them); everything else must
  // be accepted exactly when date-fns accepts it, which is checked without loading date-fns.
  const chars = [...'abcdefghijklmnopqrstuvwxyzABCEFGHIJKLMNOPQRSTUVWXZ', 'PP', 'pp', "'", "''", ' ', '-', '/', ':', '.', 'o', '1'];
  it('accepts what date-fns format accepts, and only that (D and Y aside)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 8 }), (parts) => {
        const pattern = parts.join('');
        expect(weAccept(pattern)).toBe(dateFnsAccepts(pattern));
      }),
      { numRuns: 3000 },
    );
  });

  it.each(['do MMMM yyyy', 'EEEE', "h 'o''clock'", 'PPpp', 'Qo', 'yyyy-MM-dd HH:mm:ss.SSS xxx'])('accepts %j', (pattern) => {
    expect(weAccept(pattern)).toBe(true);
    expect(dateFnsAccepts(pattern)).toBe(true);
  });

  it.each(['yyyy-MM-dd j', 'MMo', 'f', 'yyyy-MM-DD', 'YYYY'])('rejects %j', (pattern) => {
    expect(weAccept(pattern)).toBe(false);
  });
});
