import { describe, expect, it } from 'vitest';
import { ICONV } from '../../src/csv/iconv.js';
import { DATE_FNS } from '../../src/dates/compile.js';
import { formatDates, fromCsv, toCsv, toXlsx } from '../../src/index.js';
import { readAll, readText } from '../helpers/streams.js';

// Each test file has its own module graph, so nothing here was loaded by another file. The order
// of the tests matters: each checks what the calls before it loaded.
describe('dependencies loaded on first need', () => {
  it('a UTF-8 CSV with preset dates loads none of them', async () => {
    expect(await readText(toCsv([{ a: 1, at: new Date(0) }], { dateFormat: 'eu' }))).toBe('\uFEFFa,at\r\n1,01.01.1970\r\n');
    expect({ iconv: ICONV.loaded, dateFns: DATE_FNS.loaded }).toEqual({ iconv: false, dateFns: false });
  });

  it('formatDates imports date-fns for a pattern only it renders', async () => {
    const out: unknown[] = [];
    for await (const row of formatDates([{ at: new Date(Date.UTC(2024, 0, 2)) }], 'do MMMM yyyy')) out.push(row);
    expect(out).toEqual([{ at: '2nd January 2024' }]);
    expect(DATE_FNS.loaded).toBe(true);
  });

  it('a legacy encoding loads iconv-lite, an XLSX nothing; fromCsv parses with its own parser', async () => {
    expect((await readAll(toCsv([{ a: 'Ж' }], { encoding: 'windows-1251', bom: false }))).toString('hex')).toBe('610d0ac60d0a');
    expect(ICONV.loaded).toBe(true);
    expect((await readAll(toXlsx([{ a: 1 }]))).length).toBeGreaterThan(1000);
    expect(DATE_FNS.loaded).toBe(true); // by formatDates above, not by the workbook
    const rows: unknown[] = [];
    for await (const row of fromCsv(Buffer.from('a\n1\n'))) rows.push(row);
    expect(rows).toEqual([{ a: '1' }]);
  });
});
