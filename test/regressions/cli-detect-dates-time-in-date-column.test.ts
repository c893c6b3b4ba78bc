// --detect-dates made a column of 'YYYY-MM-DD' values in its first 1,000 rows a date column, then wrote
// a later date-time in it as its day alone (2024-01-15T23:30:00-05:00 as 2024-01-16): the time was
// lost without a word, where the docs promise that a later value that is not an ISO date stops the export.
import { describe, expect, it } from 'vitest';
import { readCsv, runInProcess } from '../helpers/cli.js';

const csv = (last: string): string => `day,name\n${'2024-01-15,x\n'.repeat(1000)}${last},y\n`;

describe('rowport --detect-dates: a date-time after the sample of a date column', () => {
  it.each(['csv', 'xlsx'])('stops the export (%s), naming row and column, rather than drop the time', async (to) => {
    const { code, stdout, stderr } = await runInProcess(['--from', 'csv', '--to', to, '--detect-dates'], { input: csv('2024-01-15T23:30:00-05:00') });
    expect(stderr).toContain('ROWPORT_INVALID_DATE');
    expect(stderr).toContain('row 1000');
    expect(stderr).toContain('column "day"');
    expect(code).toBe(1);
    if (to === 'csv') expect(stdout.toString('utf8')).not.toContain('2024-01-16');
  });

  it('still takes a later date, and an empty value', async () => {
    const { code, stdout } = await runInProcess(['--from', 'csv', '--detect-dates'], { input: `${csv('2024-02-29')},z\n` });
    expect(code).toBe(0);
    const rows = readCsv(stdout.toString('utf8'));
    expect(rows.slice(-2)).toEqual([
      ['2024-02-29', 'y'],
      ['', 'z'],
    ]);
  });

  it('takes a later date in a date-time column', async () => {
    const input = `at\n2024-01-15T10:30:00Z\n${'2024-01-15\n'.repeat(1000)}2024-01-16\n`;
    const { code, stdout } = await runInProcess(['--from', 'csv', '--detect-dates'], { input });
    expect(code).toBe(0);
    expect(readCsv(stdout.toString('utf8')).at(-1)).toEqual(['2024-01-16 00:00:00']);
  });
});
