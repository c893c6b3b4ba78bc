// Epoch milliseconds with a fraction (`performance.timeOrigin + performance.now()`, PostgreSQL's
// `extract(epoch from t) * 1000`) were rendered with the fraction in the milliseconds:
// `yyyy-MM-dd HH:mm:ss.SSS` of 1705329045123.7 was `2024-01-15 14:30:45.123.699951171875`, and -0.5
// a day early in CSV (`1969-12-31`) but not in XLSX. They are now read as `new Date(ms)` reads them,
// cut to the millisecond toward zero, in every writer.
import { afterAll, describe, expect, it } from 'vitest';
import { formatDate, toCsv, toXlsx } from '../../src/index.js';
import { readText } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { readWithOpenpyxl, removeTempDirs, saveTo, tempDir, values } from '../helpers/xlsx.js';

afterAll(removeTempDirs);

const fractional = [1705329045123.7, 86399999.5, -0.5, 1e-300];
const pattern = 'yyyy-MM-dd HH:mm:ss.SSS';
const asDate = fractional.map((ms) => new Date(ms));

describe('fractional epoch milliseconds', () => {
  it('formatDate renders them as the Date they make', () => {
    for (const [i, ms] of fractional.entries()) {
      expect(formatDate(ms, pattern)).toBe(formatDate(asDate[i] as Date, pattern));
      expect(formatDate(ms, 'EEE yyyy-MM-dd HH:mm:ss.SSS')).toBe(formatDate(asDate[i] as Date, 'EEE yyyy-MM-dd HH:mm:ss.SSS'));
    }
    expect(formatDate(1705329045123.7, pattern)).toBe('2024-01-15 14:30:45.123');
  });

  it('toCsv writes datetime and date columns as for the Date', async () => {
    const columns = [
      { key: 'd', type: 'datetime' as const },
      { key: 'e', type: 'date' as const },
    ];
    const csv = (rows: object[]) => readText(toCsv(rows, { columns, dateFormat: pattern, bom: false, header: false }));
    const iso = (rows: object[]) => readText(toCsv(rows, { columns, bom: false, header: false }));
    expect(await csv(fractional.map((ms) => ({ d: ms, e: ms })))).toBe(await csv(asDate.map((d) => ({ d, e: d }))));
    expect(await iso(fractional.map((ms) => ({ d: ms, e: ms })))).toBe(await iso(asDate.map((d) => ({ d, e: d }))));
    expect(await iso([{ d: -0.5, e: -0.5 }])).toBe('1970-01-01 00:00:00,1970-01-01\r\n');
  });

  it.runIf(haveTool('openpyxl'))('toXlsx writes the same cells as for the Date (openpyxl)', async () => {
    const dir = tempDir();
    const columns = [
      { key: 'd', type: 'datetime' as const },
      { key: 'e', type: 'date' as const },
    ];
    const a = await saveTo(
      dir,
      'a.xlsx',
      toXlsx(
        fractional.map((ms) => ({ d: ms, e: ms })),
        { columns, header: false },
      ),
    );
    const b = await saveTo(
      dir,
      'b.xlsx',
      toXlsx(
        asDate.map((d) => ({ d, e: d })),
        { columns, header: false },
      ),
    );
    const read = readWithOpenpyxl([a, b]);
    expect(values(read[a]!.sheets[0]!)).toEqual(values(read[b]!.sheets[0]!));
    expect(values(read[a]!.sheets[0]!)[0]).toEqual(['2024-01-15T14:30:45.123000', '2024-01-15T00:00:00']);
  });
});
