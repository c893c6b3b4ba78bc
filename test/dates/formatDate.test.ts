import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/index.js';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Europe/Moscow',
];

describe('formatDate', () => {
  const at = new Date(Date.UTC(2024, 0, 15, 23, 30, 5, 42));

  it.each([
    ['iso', '2024-01-15'],
    ['us', '01/15/2024'],
    ['eu', '15.01.2024'],
    ['full', '2024-01-15 23:30:05'],
    ['yyyy-MM-dd HH:mm:ss.SSS', '2024-01-15 23:30:05.042'],
    ["h:mm a 'on' EEEE", '11:30 PM on Monday'],
  ])('renders preset or pattern %s', (fmt, want) => {
    expect(formatDate(at, fmt)).toBe(want);
  });

  it('renders in the time zone, across midnight', () => {
    expect(formatDate(at, 'full', { timeZone: 'Europe/Berlin' })).toBe('2024-01-16 00:30:05');
    expect(formatDate(at, 'full', { timeZone: 'America/Los_Angeles' })).toBe('2024-01-15 15:30:05');
  });

  it('follows daylight saving transitions', () => {
    expect(formatDate(Date.UTC(2024, 2, 31, 0, 59, 59), 'full', { timeZone: 'Europe/Berlin' })).toBe('2024-03-31 01:59:59');
    expect(formatDate(Date.UTC(2024, 2, 31, 1, 0, 0), 'full', { timeZone: 'Europe/Berlin' })).toBe('2024-03-31 03:00:00');
  });

  it('never shifts a calendar date string', () => {
    for (const timeZone of ZONES) expect(formatDate('2024-02-29', 'iso', { timeZone })).toBe('2024-02-29');
  });

  it('reads a date-time string without an offset as wall-clock time in timeZone, never the host zone', () => {
    expect(formatDate('2024-01-15 10:30:00', 'full', { timeZone: 'America/New_York' })).toBe('2024-01-15 10:30:00');
    expect(formatDate('2024-01-15T10:30', 'full')).toBe('2024-01-15 10:30:00');
    expect(formatDate('2024-07-01 12:00:00.250', 'HH:mm:ss.SSS', { timeZone: 'Europe/Berlin' })).toBe('12:00:00.250');
  });

  it('honours an offset in a date-time string, including psql-style +00 and +0530', () => {
    expect(formatDate('2024-01-15 10:30:00+00', 'full')).toBe('2024-01-15 10:30:00');
    expect(formatDate('2024-01-15 10:30:00+0530', 'full')).toBe('2024-01-15 05:00:00');
    expect(formatDate('2024-01-15T10:30:00-05:00', 'full', { timeZone: 'Europe/Berlin' })).toBe('2024-01-15 16:30:00');
    expect(formatDate('2024-01-15T10:30:00Z', 'full', { timeZone: 'Asia/Tokyo' })).toBe('2024-01-15 19:30:00');
  });

  it.each(['2024-01-15 24:00', '2024-02-30 10:00', '2024-01-15 10:60', '2024-01-15T10:30:00+5'])('fails on the date-time %j', (value) => {
    expect(() => formatDate(value, 'full')).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_DATE' }));
  });

  it('takes epoch milliseconds', () => {
    expect(formatDate(0, 'full')).toBe('1970-01-01 00:00:00');
  });

  it.each([new Date(Number.NaN), '2023-02-29', 'soon', Number.NaN])('fails on %s with ROWPORT_INVALID_DATE', (value) => {
    expect(() => formatDate(value as never, 'iso')).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_DATE' }));
  });

  it.each([['YYYY-MM-DD'], ['']])('rejects the format %j with ROWPORT_INVALID_OPTION', (fmt) => {
    expect(() => formatDate(at, fmt)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });

  it('rejects an unknown time zone', () => {
    expect(() => formatDate(at, 'iso', { timeZone: 'Nowhere/Atlantis' })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });

  it('property: reads any ISO 8601 date-time layout it accepts exactly as Date.parse reads its canonical form', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 1900, max: 2200 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.option(fc.integer({ min: 0, max: 59 })),
          fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/)),
          separator: fc.constantFrom('T', ' ', 't'),
          offset: fc.option(
            fc.record({
              sign: fc.constantFrom('+', '-'),
              h: fc.integer({ min: 0, max: 14 }),
              m: fc.constantFrom(0, 30, 45),
              form: fc.constantFrom('hh', 'hhmm', 'hh:mm', 'Z'),
            }),
          ),
        }),
        (d) => {
          const date = `${d.year}-${two(d.month)}-${two(d.day)}`;
          const time = `${two(d.hour)}:${two(d.minute)}${d.second === null ? '' : `:${two(d.second)}${d.fraction === null ? '' : `.${d.fraction}`}`}`;
          const o = d.offset;
          const m = o && o.form === 'hh' ? 0 : (o?.m ?? 0);
          const offset =
            o === null
              ? ''
              : o.form === 'Z'
                ? 'Z'
                : o.form === 'hh'
                  ? `${o.sign}${two(o.h)}`
                  : o.form === 'hhmm'
                    ? `${o.sign}${two(o.h)}${two(m)}`
                    : `${o.sign}${two(o.h)}:${two(m)}`;
          const canonical = `${date}T${d.second === null ? `${time}:00` : time.replace(/\.(\d{1,3})\d*$/, (_x, f: string) => `.${f.padEnd(3, '0')}`)}${o === null || o.form === 'Z' ? 'Z' : `${o.sign}${two(o.h)}:${two(m)}`}`;
          const want = new Date(Date.parse(canonical)).toISOString().replace('T', ' ').replace('Z', '');
          expect(formatDate(`${date}${d.separator}${time}${offset}`, 'yyyy-MM-dd HH:mm:ss.SSS')).toBe(want);
        },
      ),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('property: the fast path renders exactly what date-fns renders, in any zone', () => {
    const patterns = ['yyyy-MM-dd', 'MM/dd/yyyy', 'dd.MM.yyyy', 'yyyy-MM-dd HH:mm:ss', 'd/M/yy h:m:s a', "yyyy'T'HH:mm:ss.SSS", 'y-M-d H', "''yyyy''"];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...patterns),
        (ms, timeZone, pattern) => {
          expect(formatDate(ms, pattern, { timeZone })).toBe(format(new TZDate(ms, timeZone), pattern));
        },
      ),
      { numRuns: 3000, seed: 11 },
    );
  });
});
