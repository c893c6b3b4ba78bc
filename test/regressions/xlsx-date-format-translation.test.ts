// XLSX date formats: a date-fns `mm` away from an hour became Excel `mm`, shown as the month; `SSS` alone showed the
// serial; `do`, `Q`, `ww`, `aaaa` silently became `yyyy-mm-dd hh:mm:ss`. A pattern no Excel number format shows as
// date-fns writes it is now ROWPORT_INVALID_OPTION at the call; the others show, in LibreOffice, date-fns' text (#18).
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

const columns = [{ key: 'at', type: 'datetime' as const }];

describe('Excel number formats of date patterns', () => {
  it.each([
    ['mm yyyy', '`mm`'],
    ['yyyy-MM-dd mm', '`mm`'],
    ['SSS', '`SSS`'],
    ['HH:mm:ss,SSS', '`SSS`'],
    ['do MMMM yyyy', '`do`'],
    ['Q yyyy', '`Q`'],
    ['ww', '`ww`'],
    ['aaaa', '`aaaa`'],
    ['h:mm', 'AM/PM'],
    ['HH:mm a', '12-hour'],
    ['HH:MM', 'minutes'],
    ['ss.S', '`S`'],
  ])('refuses %s at the call, saying why (%s)', (dateFormat, why) => {
    expect(() => toXlsx([{ at: new Date(0) }], { dateFormat })).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(why) }),
    );
    expect(() => toWorkbook([{ name: 'A', rows: [], columns, dateFormat }])).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('sheets[0].dateFormat') }),
    );
    expect(() => toWorkbook([{ name: 'A', rows: [] }], { dateFormat })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });

  it('accepts such a pattern when no column shows a date in it, and in CSV', async () => {
    const own = [
      { key: 'at', type: 'datetime' as const, numFmt: 'yyyy-mm-dd' },
      { key: 'note', type: 'string' as const },
    ];
    await expect(readAll(toXlsx([{ at: new Date(0), note: 'x' }], { dateFormat: 'do MMMM yyyy', columns: own }))).resolves.toBeInstanceOf(Buffer);
    const csv = await readAll(toCsv([{ at: new Date(0) }], { dateFormat: 'do MMMM yyyy', header: false, bom: false }));
    expect(csv.toString()).toBe('1st January 1970\r\n');
  });

  it.runIf(haveTool('soffice'))(
    'every pattern it accepts shows in LibreOffice exactly what date-fns format writes',
    async () => {
      const tokens = [
        'yyyy',
        'yy',
        'y',
        'MM',
        'M',
        'MMM',
        'MMMM',
        'MMMMM',
        'dd',
        'd',
        'EEE',
        'EEEE',
        'HH',
        'H',
        'hh',
        'h',
        'mm',
        'm',
        'ss',
        's',
        'a',
        'aaaaa',
        '.SSS',
        ' ',
        '-',
        '/',
        ':',
        '.',
        ', ',
        "'at'",
        "'it''s'",
        '\'"q"\'',
        '1',
        '#',
      ];
      const generated = fc.sample(fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 7 }), { numRuns: 3000, seed: 18 }).map((p) => p.join(''));
      const fixed = [
        'dd/MM/yyyy HH:mm',
        'EEE, d MMM yyyy',
        'MMMM d, yyyy h:mm a',
        'HH:mm:ss.SSS',
        "d MMM yyyy 'at' HH:mm",
        'HH:mm:ss MM/dd/yyyy',
        'mm:ss',
        'h:mm aaaaa',
        'MMMMM yy',
        'dd.MM.yyyy',
        "yyyy 'Q' MM",
      ];
      const accepted = (pattern: string): boolean => {
        try {
          toXlsx([], { dateFormat: pattern, columns }).destroy();
          return true;
        } catch (error) {
          expect(error).toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
          return false;
        }
      };
      const patterns = [...new Set([...fixed, ...generated.filter(accepted).slice(0, 60)])];
      expect(patterns.every(accepted)).toBe(true);
      expect(patterns.length).toBeGreaterThan(60);
      // Wall-clock times from 1900-03-02 to 9999-12-30 with milliseconds, in zones with odd offsets. Not in the last
      // second of a day: LibreOffice shows a date and time there within half a second of midnight as the next day.
      const zones = ['UTC', 'Asia/Kolkata', 'America/St_Johns'];
      const values = fc
        .sample(fc.tuple(fc.integer({ min: Date.UTC(1900, 2, 2) / 1000, max: Date.UTC(9999, 11, 30) / 1000 }), fc.integer({ min: 0, max: 999 })), {
          numRuns: 14,
          seed: 7,
        })
        .map(([seconds, ms]) => seconds * 1000 + ms)
        .concat([Date.UTC(2024, 0, 15, 0, 5, 9, 999), Date.UTC(2024, 6, 1, 12, 0, 0, 500), Date.UTC(2024, 11, 31, 23, 59, 58, 999)])
        // Whole seconds whose nearest double is a hair below them, which LibreOffice showed a second early.
        .concat([-5_000, 10_986_328_000, 41_612_386_000, 28_370_380_000])
        .filter((ms) => zones.every((timeZone) => formatDate(ms, 'HH:mm:ss', { timeZone }) !== '23:59:59'));
      const sheets = patterns.map((dateFormat, i) => ({
        name: `S${i}`,
        dateFormat,
        timeZone: zones[i % zones.length] as string,
        columns,
        rows: values.map((ms) => ({ at: new Date(ms) })),
      }));
      const path = await saveTo(tempDir(), 'date-formats.xlsx', toWorkbook(sheets));
      const shown = convertWithLibreOffice([path], { asShown: true })[path] ?? {};
      for (const sheet of sheets) {
        const rows = parse(shown[sheet.name] ?? '', { relax_column_count: true }) as string[][];
        const expected = [['at'], ...values.map((ms) => [formatDate(ms, sheet.dateFormat, { timeZone: sheet.timeZone })])];
        expect(rows, `${sheet.dateFormat} in ${sheet.timeZone}`).toEqual(expected);
      }
    },
    300_000,
  );
});
