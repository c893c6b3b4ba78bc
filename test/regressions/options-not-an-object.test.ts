// fromCsv(input, 5), exportFileName(base, fmt, 5), formatDate(d, f, 5) and formatDates(rows, f, 5)
// took a number (or an array) as their options object and ignored it (#18).
import { describe, expect, it } from 'vitest';
import { exportFileName, exportToFile, formatDate, formatDates, fromCsv, toCsv, toWorkbook, toXlsx } from '../../src/index.js';

const calls: Record<string, (options: unknown) => unknown> = {
  fromCsv: (o) => fromCsv(Buffer.from('a\n1\n'), o as never),
  exportFileName: (o) => exportFileName('report', 'csv', o as never),
  formatDate: (o) => formatDate(new Date(0), 'iso', o as never),
  formatDates: (o) => formatDates([], 'iso', o as never),
  toCsv: (o) => toCsv([], o as never),
  toXlsx: (o) => toXlsx([], o as never),
  toWorkbook: (o) => toWorkbook([{ name: 'a', rows: [] }], o as never),
};

describe('public functions refuse options that are not an object', () => {
  for (const [name, call] of Object.entries(calls)) {
    it.each([[5], ['x'], [true], [null], [[]]])(`${name}(…, %j)`, (options) => {
      expect(() => call(options)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });
  }

  it.each([[5], ['x'], [null], [[]]])('exportToFile(…, %j)', async (options) => {
    await expect(exportToFile(toCsv([]), '/tmp/never-written.csv', options as never)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
  });
});
