// The date-fns token `yo` (the ordinal year, `2024th`) was rendered as a two-digit-padded year,
// `2024`, dropping the ordinal that date-fns writes, in formatDate, formatDates and CSV. It is now
// rendered by date-fns, as `do`, `Mo` and the other ordinals are.
import { TZDate } from '@date-fns/tz/date';
import { format } from 'date-fns/format';
import { describe, expect, it } from 'vitest';
import { formatDate, toCsv } from '../../src/index.js';
import { readText } from '../helpers/streams.js';

const at = Date.UTC(2024, 0, 2, 9, 30);

describe("the ordinal year 'yo'", () => {
  it.each(['yo', "'x'yo", "do 'of' MMMM, yo", 'yoyyyy', 'EEE yo'])('%s is what date-fns format writes', (pattern) => {
    expect(formatDate(at, pattern)).toBe(format(new TZDate(at, 'UTC'), pattern));
  });

  it('CSV writes it too', async () => {
    expect(formatDate(at, 'yo')).toBe('2024th');
    expect(await readText(toCsv([{ d: new Date(at) }], { dateFormat: 'do MMMM, yo', bom: false, header: false }))).toBe('"2nd January, 2024th"\r\n');
  });
});
