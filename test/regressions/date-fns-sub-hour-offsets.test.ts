// Patterns rendered through date-fns (`EEE`, `MMMM`, `do`, `XXX`) took the zone's offset from @date-fns/tz, which flips
// negative offsets under an hour (Africa/Monrovia, -00:44:30 in 1970, gave the next day) and drops offset seconds (#18).
import { TZDate } from '@date-fns/tz/date';
import { format } from 'date-fns/format';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

/** Zones with sub-hour, negative sub-hour, odd and seconds offsets, now or in their history. */
const ZONES = [
  'Africa/Monrovia',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Eucla',
  'Pacific/Chatham',
  'Europe/Dublin',
  'America/New_York',
  'America/Caracas',
  'Pacific/Kiritimati',
  'Pacific/Marquesas',
  'Asia/Tehran',
  'Europe/Lisbon',
  'America/Sao_Paulo',
  'Atlantic/Azores',
  'UTC',
];

/** What Intl shows for `ms` in `timeZone`, in the tokens of the pattern below. */
function intlText(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const day = Number(parts.day);
  const ordinal = day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
  const gmt = (parts.timeZoneName as string).slice(3); // 'GMT-00:44:30' → '-00:44:30'; 'GMT' → ''
  const offset = gmt === '+00:00' ? '' : gmt;
  const month = new Intl.DateTimeFormat('en-US', { timeZone, month: '2-digit' }).format(ms);
  return (
    `${parts.year}-${month}-${String(day).padStart(2, '0')} ${parts.hour}:${parts.minute}:${parts.second} ` +
    `${parts.weekday} ${parts.month} ${day}${ordinal} ${offset || 'Z'} GMT${offset || '+00:00'}`
  );
}

const PATTERN = 'yyyy-MM-dd HH:mm:ss EEE MMMM do XXX OOOO';

describe('date-fns patterns in zones with sub-hour and odd offsets', () => {
  it('new Date(0) in Africa/Monrovia is 1969-12-31 23:15:30 -00:44:30, as Intl and the built-in renderer say', () => {
    expect(formatDate(new Date(0), PATTERN, { timeZone: 'Africa/Monrovia' })).toBe('1969-12-31 23:15:30 Wed December 31st -00:44:30 GMT-00:44:30');
    expect(formatDate(new Date(0), 'yyyy-MM-dd HH:mm:ss', { timeZone: 'Africa/Monrovia' })).toBe('1969-12-31 23:15:30');
  });

  it('every pattern agrees with Intl, in every zone, today and in history (1800-2100)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1800, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }), (timeZone, seconds) => {
        const ms = seconds * 1000;
        expect(formatDate(ms, PATTERN, { timeZone })).toBe(intlText(ms, timeZone));
        // the built-in renderer and the date-fns path show the same wall clock
        expect(formatDate(ms, PATTERN, { timeZone }).slice(0, 19)).toBe(formatDate(ms, 'yyyy-MM-dd HH:mm:ss', { timeZone }));
      }),
      { numRuns: 3000 },
    );
  });

  it('in UTC every pattern is exactly what date-fns format writes (years 1000-9999)', () => {
    const tokens = [
      'yyyy',
      'yy',
      'y',
      'MM',
      'MMM',
      'MMMM',
      'Mo',
      'd',
      'do',
      'dd',
      'EEE',
      'EEEE',
      'eee',
      'Q',
      'Qo',
      'QQQ',
      'w',
      'wo',
      'I',
      'R',
      'u',
      'DDD',
      'HH',
      'h',
      'hh',
      'k',
      'K',
      'mm',
      'ss',
      'SSS',
      'S',
      'a',
      'aaaa',
      'b',
      'B',
      'X',
      'XXX',
      'xx',
      'O',
      'OOOO',
      'z',
      't',
      'T',
      'G',
      'P',
      'PPpp',
      'p',
      ' ',
      '-',
      ':',
      "'at'",
      "''",
      "'it''s'",
      '/',
      '.',
      '1',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }),
        (parts, ms) => {
          const pattern = parts.join('');
          fc.pre(!/(?<![yY])(?:yo|Yo)/.test(pattern)); // neighbours that make another token are not the case here
          let expected: string;
          try {
            expected = format(new TZDate(ms, 'UTC'), pattern);
          } catch {
            return; // a pattern date-fns refuses (letters run together into an unknown token)
          }
          expect(formatDate(ms, pattern)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a wall clock past the Date range (8.64e15 in Asia/Tokyo) is ROWPORT_INVALID_DATE through date-fns, not a RangeError', async () => {
    expect(() => formatDate(8.64e15, 'yyyy EEE', { timeZone: 'Asia/Tokyo' })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_DATE' }));
    expect(formatDate(8.64e15, 'yyyy EEE')).toBe('275760 Sat');
    // no date-fns needed: the built-in renderer writes any wall clock (Intl's offset was a RangeError there too)
    expect(formatDate(8.64e15, 'yyyy-MM-dd HH:mm', { timeZone: 'Asia/Tokyo' })).toBe('275760-09-13 09:00');
    expect(formatDate(-8.64e15, 'yyyy-MM-dd HH:mm:ss', { timeZone: 'America/New_York' })).toBe('-271821-04-19 19:03:58');
    const csv = toCsv([{ at: -8.64e15 }], { columns: [{ key: 'at', type: 'datetime' }], dateFormat: 'EEE yyyy', timeZone: 'America/New_York' });
    await expect(readAll(csv)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_DATE', row: 0, column: 'at' });
  });

  it('toCsv writes the same wall clock', async () => {
    const csv = await readAll(toCsv([{ at: new Date(0) }], { dateFormat: 'EEE d MMMM HH:mm:ss', timeZone: 'Africa/Monrovia', header: false, bom: false }));
    expect(csv.toString()).toBe('Wed 31 December 23:15:30\r\n');
  });
});

it('says why a valid Date at the end of the range cannot be shown in a zone east of UTC', () => {
  expect(() => formatDate(new Date(8.64e15), 'EEE yyyy', { timeZone: 'Asia/Tokyo' })).toThrow(
    expect.objectContaining({ code: 'ROWPORT_INVALID_DATE', message: expect.stringMatching(/the date is valid.*Asia\/Tokyo.*past the range a Date holds/) }),
  );
});
