// A date-time string without an offset names a wall-clock time in `timeZone`. One that falls in a
// spring-forward gap (`'2024-03-10T02:30'` in America/New_York, a time the clocks never show) was
// moved an hour back (01:30) in zones west of Greenwich and an hour forward (03:30) in zones east of
// it. Now it always moves forward past the gap, as `Date`, Temporal ('compatible') and PostgreSQL
// read it: 03:30 in New York and in Berlin, in XLSX and CSV alike. Times outside a gap, and the
// repeated hour of the autumn change, keep their wall-clock time (#12).
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from '../../src/index.js';
import { readAll, readText } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

const cases = [
  // zone, wall-clock string, expected wall-clock time written
  ['America/New_York', '2024-03-10T02:30', '2024-03-10 03:30:00'],
  ['America/Los_Angeles', '2024-03-10T02:00', '2024-03-10 03:00:00'],
  ['Europe/Berlin', '2024-03-31T02:30', '2024-03-31 03:30:00'],
  ['Australia/Lord_Howe', '2024-10-06T02:15', '2024-10-06 02:45:00'], // a 30-minute gap
  ['America/New_York', '2024-03-10T01:59:59', '2024-03-10 01:59:59'],
  ['America/New_York', '2024-03-10T03:00', '2024-03-10 03:00:00'],
  ['America/New_York', '2024-11-03T01:30', '2024-11-03 01:30:00'],
  ['Europe/Berlin', '2024-10-27T02:30', '2024-10-27 02:30:00'],
] as const;

/** The Excel serial of a wall-clock time given as 'YYYY-MM-DD HH:mm:ss'. */
const serial = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}Z`) / 86_400_000 + 25_569;

describe('a wall-clock date-time in a DST gap', () => {
  it.each(cases)('%s %s is written as %s in CSV', async (timeZone, value, wall) => {
    const csv = await readText(toCsv([{ d: value }], { columns: [{ key: 'd', type: 'datetime' }], timeZone, bom: false, header: false }));
    expect(csv).toBe(`${wall}\r\n`);
  });

  it.each(cases)('%s %s is written as %s in XLSX', async (timeZone, value, wall) => {
    const sheet = parts(await readAll(toXlsx([{ d: value }], { columns: [{ key: 'd', type: 'datetime' }], timeZone })))['xl/worksheets/sheet1.xml'] as string;
    const written = Number(/<c r="A2"[^>]*><v>([^<]+)<\/v>/.exec(sheet)?.[1]);
    expect(written).toBeCloseTo(serial(wall), 8);
  });
});
