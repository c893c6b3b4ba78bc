// A `'YYYY-MM-DD'` calendar date in a pattern that shows an offset or a timestamp was written as
// midnight UTC whatever the `timeZone`: in America/New_York `'2024-03-10'` became
// `2024-03-10T00:00:00Z` (an instant read back as 2024-03-09 19:00 there) and `T` its UTC epoch,
// while a `Date` of that same midnight, in the same column, became `2024-03-10T00:00:00-05:00`. A
// calendar date is still never shifted (its day and 00:00 stay), and now carries the offset its
// midnight has in the zone, as PostgreSQL reads `date::timestamptz` (checked against python's zoneinfo).
import { describe, expect, it } from 'vitest';
import { formatDate, formatDates, toCsv } from '../../src/index.js';
import { readText } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';

const cases = [
  ['America/New_York', '2024-03-10'],
  ['America/New_York', '2024-07-04'],
  ['Asia/Kathmandu', '2024-01-15'],
  ['Africa/Monrovia', '1970-06-01'], // -00:44:30
  ['America/Santiago', '2024-09-08'], // the clocks skip 00:00-01:00
  ['Europe/London', '2024-01-15'], // +00:00 is Z
  ['UTC', '2024-01-15'],
] as const;

/** Midnight of each day in its zone, by python: its ISO text (offset `Z` when zero) and epoch ms. */
const expected = (): [string, number][] =>
  python(
    `
import json, sys, datetime
from zoneinfo import ZoneInfo
out = []
for zone, day in json.load(sys.stdin):
    at = datetime.datetime.fromisoformat(day).replace(tzinfo=ZoneInfo(zone))
    text = at.isoformat()
    text = text[:-6] + 'Z' if text.endswith('+00:00') else text
    out.append([text, round(at.timestamp() * 1000)])
print(json.dumps(out))
`,
    cases,
  );

const PATTERN = "yyyy-MM-dd'T'HH:mm:ssXXX";

describe.runIf(haveTool('python'))('a calendar date in a pattern with an offset', () => {
  it('shows the offset its midnight has in the zone, in formatDate, formatDates and both date column types', async () => {
    const want = expected();
    for (const [i, [timeZone, day]] of cases.entries()) {
      const [text, ms] = want[i] as [string, number];
      expect(formatDate(day, PATTERN, { timeZone }), `${timeZone} ${day}`).toBe(text);
      expect(formatDate(day, 'T', { timeZone }), `${timeZone} ${day}`).toBe(String(ms));
      for await (const row of formatDates([{ day }], PATTERN, { timeZone, columns: ['day'] })) expect(row.day).toBe(text);
      // A date column: the day's string and a Date of its midnight alike (in a datetime one, that Date
      // shows its own time: 01:00 in Santiago, where the day starts then).
      for (const type of ['date', 'datetime'] as const) {
        const rows = type === 'date' ? [{ d: day }, { d: new Date(ms) }] : [{ d: day }];
        const csv = await readText(toCsv(rows, { columns: [{ key: 'd', type }], dateFormat: PATTERN, timeZone, bom: false, header: false }));
        expect(csv, `${timeZone} ${day} ${type}`).toBe(`${text}\r\n`.repeat(rows.length));
      }
    }
  });
});
