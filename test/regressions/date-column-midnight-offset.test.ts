// A `date` column whose pattern shows a time and an offset wrote the day's midnight with the offset of
// the instant it came from: in London on 2024-03-31 (clocks go forward at 01:00), noon BST gave
// `2024-03-31 00:00 +01:00`, an instant an hour before the day began. Midnight now has its own offset.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readText } from '../helpers/streams.js';

const csv = (at: Date, timeZone: string) =>
  readText(toCsv([{ d: at }], { columns: [{ key: 'd', type: 'date' }], dateFormat: 'yyyy-MM-dd HH:mm XXX', timeZone, bom: false, header: false }));

describe('a date column that shows its offset', () => {
  it('writes midnight with the offset midnight has, on a day the clocks change', async () => {
    expect(await csv(new Date('2024-03-31T12:00:00Z'), 'Europe/London')).toBe('2024-03-31 00:00 Z\r\n');
    expect(await csv(new Date('2024-10-27T12:00:00Z'), 'Europe/London')).toBe('2024-10-27 00:00 +01:00\r\n');
    expect(await csv(new Date('2024-06-01T12:00:00Z'), 'Europe/London')).toBe('2024-06-01 00:00 +01:00\r\n');
  });
});
