// A `date` column with a `dateFormat` pattern that shows a time (`dd.MM.yyyy HH:mm`): its XLSX cells
// hold the day alone (documented: `date` columns drop the time of day), shown `16.01.2024 00:00`,
// while CSV wrote the instant's time (`16.01.2024 00:30`), and so did the text of an XLSX date
// before 1900. Both writers now show the day alone, with `00:00`.
import { afterAll, describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from '../../src/index.js';
import { toCsv as webToCsv } from '../../src/web/index.js';
import { readText } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { readWithOpenpyxl, removeTempDirs, saveTo, tempDir, values } from '../helpers/xlsx.js';

afterAll(removeTempDirs);

const rows = () => [
  { d: new Date('2024-01-15T23:30:00Z') }, // 00:30 on the 16th in Berlin
  { d: Date.UTC(2024, 6, 1, 9, 45) },
  { d: '2024-03-31T02:30' }, // a wall-clock time the spring change skips
  { d: '2024-01-15' },
  { d: new Date('1899-06-01T14:30:00Z') }, // before Excel's dates: text
];
const options = { columns: [{ key: 'd', type: 'date' as const }], dateFormat: 'dd.MM.yyyy HH:mm', timeZone: 'Europe/Berlin', header: false };
const days = ['16.01.2024 00:00', '01.07.2024 00:00', '31.03.2024 00:00', '15.01.2024 00:00', '01.06.1899 00:00'];

describe('a date column with a pattern that shows a time', () => {
  it('CSV writes the day alone, as the XLSX cell holds it', async () => {
    expect(await readText(toCsv(rows(), { ...options, bom: false }))).toBe(`${days.join('\r\n')}\r\n`);
    expect(await new Response(webToCsv(rows(), { ...options, bom: false })).text()).toBe(`${days.join('\r\n')}\r\n`);
  });

  it('datetime columns keep the time', async () => {
    const text = await readText(toCsv(rows().slice(0, 2), { ...options, columns: [{ key: 'd', type: 'datetime' }], bom: false }));
    expect(text).toBe('16.01.2024 00:30\r\n01.07.2024 11:45\r\n');
  });

  it.runIf(haveTool('openpyxl'))('XLSX holds the same days, and the text of a date before 1900 shows no time either (openpyxl)', async () => {
    const path = await saveTo(tempDir(), 'days.xlsx', toXlsx(rows(), { ...options, onWarning: () => {} }));
    const sheet = readWithOpenpyxl([path])[path]!.sheets[0]!;
    expect(values(sheet)).toEqual([['2024-01-16T00:00:00'], ['2024-07-01T00:00:00'], ['2024-03-31T00:00:00'], ['2024-01-15T00:00:00'], ['01.06.1899 00:00']]);
    expect(sheet.rows[0]![0]!.f).toBe('dd.mm.yyyy hh:mm');
  });
});
