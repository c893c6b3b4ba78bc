// Dates before year 1: the built-in renderer wrote `-0100-06-01`, date-fns `0101-06-01` (the year of the era, without
// the era), and the CSV cell starting with `-` was not escaped, so Excel computed it. One rendering now: ISO 8601
// astronomical years (`0000` is 1 BC, `-0100` 101 BC) in every pattern, escaped in CSV (#18).
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatDates, toCsv, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { readWithOpenpyxl, removeTempDirs, saveTo, tempDir, values } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

/** A UTC date of any year (Date.UTC reads years 0-99 as 1900-1999). */
function utc(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d;
}

describe('dates before year 1', () => {
  it('both renderers write the astronomical year, signed and padded', () => {
    expect(formatDate(utc(-100, 6, 1), 'yyyy-MM-dd')).toBe('-0100-06-01');
    expect(formatDate(utc(-100, 6, 1), 'yyyy-MM-dd EEE')).toBe('-0100-06-01 Fri'); // through date-fns
    expect(formatDate(utc(-100, 6, 1), 'y/M/d, MMMM')).toBe('-100/6/1, June');
    expect(formatDate(utc(0, 2, 29), 'yyyy-MM-dd do')).toBe('0000-02-29 29th');
    expect(formatDate(utc(1, 1, 1), 'yyyy-MM-dd EEEE')).toBe('0001-01-01 Monday');
    expect(formatDate(utc(-9999, 1, 1), "yyyyy-MM-dd 'at' HH:mm")).toBe('-09999-01-01 at 00:00');
  });

  it('with an era (G) in the pattern, y is the year of the era, as in date-fns', () => {
    expect(formatDate(utc(-100, 6, 1), 'yyyy G')).toBe('0101 BC');
    expect(formatDate(utc(2024, 6, 1), 'y GGGG')).toBe('2024 Anno Domini');
  });

  it('formatDates agrees', async () => {
    const out: unknown[] = [];
    for await (const row of formatDates([{ at: utc(-100, 6, 1) }], 'EEE yyyy-MM-dd')) out.push(row);
    expect(out).toEqual([{ at: 'Fri -0100-06-01' }]);
  });

  it('toCsv escapes the leading minus like any formula text, in date columns and in plain Dates', async () => {
    const rows = [{ d: utc(-100, 6, 1), t: utc(-100, 6, 1), plain: utc(-5, 1, 2) }];
    const columns = [{ key: 'd', type: 'date' as const }, { key: 't', type: 'datetime' as const }, 'plain'];
    const csv = (await readAll(toCsv(rows, { columns, header: false, bom: false }))).toString();
    expect(csv).toBe("'-0100-06-01,'-0100-06-01 00:00:00,'-0005-01-02\r\n");
    const pattern = (await readAll(toCsv(rows, { columns, header: false, bom: false, dateFormat: 'yyyy MMMM' }))).toString();
    expect(pattern).toBe("'-0100 June,'-0100 June,'-0005 January\r\n");
    const off = (await readAll(toCsv(rows, { columns, header: false, bom: false, escapeFormulas: false }))).toString();
    expect(off).toBe('-0100-06-01,-0100-06-01 00:00:00,-0005-01-02\r\n');
  });

  it.runIf(haveTool('openpyxl'))('toXlsx writes them as text in the same rendering', async () => {
    const warnings: string[] = [];
    const path = await saveTo(
      tempDir(),
      'bc.xlsx',
      toXlsx([{ d: utc(-100, 6, 1) }], { dateFormat: 'yyyy-MM-dd EEE', onWarning: (w) => warnings.push(w.code) }),
    );
    const sheet = readWithOpenpyxl([path])[path]?.sheets[0];
    expect(sheet && values(sheet)).toEqual([['d'], ['-0100-06-01 Fri']]);
    expect(warnings).toEqual(['ROWPORT_DATE_AS_TEXT']);
  });
});
