// A `date` column whose pattern shows a time (`yyyy-MM-dd HH:mm`) refused the first and last instants
// a `Date` holds (`new Date(8.64e15)`, a common "no end" sentinel) in any zone but UTC, as
// ROWPORT_INVALID_VALUE "reading the value threw: Invalid time value": finding the offset of the
// day's midnight asked Intl about a time a day past the end of the range. The same value in an
// `iso` date column, or a `datetime` one, was written. Now the day is written with 00:00, as `iso` shows it.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readText } from '../helpers/streams.js';

const csv = (d: Date, dateFormat: string, timeZone: string) =>
  readText(toCsv([{ d }], { columns: [{ key: 'd', type: 'date' }], dateFormat, timeZone, bom: false, header: false, escapeFormulas: false }));

describe('a date column at the ends of the Date range', () => {
  it.each(['Asia/Tokyo', 'America/New_York', 'Australia/Lord_Howe', 'UTC'])('writes the day with 00:00 in %s', async (timeZone) => {
    for (const ms of [8.64e15, -8.64e15, 8.64e15 - 3_600_000, -8.64e15 + 3_600_000]) {
      const day = (await csv(new Date(ms), 'iso', timeZone)).trimEnd();
      expect(await csv(new Date(ms), 'yyyy-MM-dd HH:mm', timeZone), `${ms}`).toBe(`${day} 00:00\r\n`);
      expect(await csv(new Date(ms), 'yyyy-MM-dd HH:mm:ss.SSS XXX', timeZone), `${ms}`).toMatch(
        new RegExp(`^${day} 00:00:00\\.000 (Z|[+-]\\d\\d:\\d\\d(:\\d\\d)?)\\r\\n$`),
      );
    }
  });
});
