import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveTool } from '../helpers/tools.js';
import { convertWithLibreOffice, saveTo, removeTempDirs, tempDir } from '../helpers/xlsx.js';
import { fixtures } from '../helpers/xlsxFixtures.js';

afterEach(removeTempDirs);

/**
 * LibreOffice (headless) converts every test workbook to CSV in one call, and the text must match.
 * LibreOffice counts serials before 1900-03-01 without Excel's fictitious 1900-02-29, so no
 * fixture holds a date from January or February 1900.
 */
describe.runIf(haveTool('soffice'))('XLSX read back with LibreOffice', () => {
  const sheets: Record<string, Record<string, string[][]>> = {};
  beforeAll(async () => {
    const dir = tempDir();
    const paths: Record<string, string> = {};
    for (const f of fixtures) paths[f.name] = await saveTo(dir, `${f.name}.xlsx`, f.make());
    const csv = convertWithLibreOffice(Object.values(paths));
    for (const [name, path] of Object.entries(paths)) {
      sheets[name] = Object.fromEntries(
        Object.entries(csv[path] ?? {}).map(([sheet, text]) => [sheet, parse(text, { relax_column_count: true }) as string[][]]),
      );
    }
  }, 300_000);

  it('opens every workbook', () => {
    for (const f of fixtures) expect(Object.keys(sheets[f.name] ?? {}).length, f.name).toBeGreaterThan(0);
  });

  it('shows typed values, escapes decoded, text kept exactly', () => {
    expect(sheets.typed?.Typed).toEqual([
      ['id', 'Name', 'score', 'rate', 'born', 'seen', 'active', 'big', 'small', 'huge', 'bad', 'meta', 'note'],
      [
        '1',
        'Ada Lovelace',
        '93.456',
        '87.5%',
        '1990-12-10',
        '2024-01-15 14:30:45',
        'TRUE',
        '12345678901234567890',
        '42',
        '1.15292150460685E+018',
        '#NUM!',
        '{"tags":["a","b"]}',
        'line one\nline two',
      ],
      [
        '2',
        '漢字テスト 한국어',
        '-0.5',
        '0%',
        '2000-02-29',
        '1999-12-31 23:59:59',
        'FALSE',
        '-98765432109876543210',
        '-7',
        '123456789012345',
        '#NUM!',
        '[1,2]',
        'tab\there & <b>bold</b> "quoted" _x0041_ ctrl\u0001 cr\nend',
      ], // LibreOffice keeps a line break in a cell as LF only
      ['3', '  padded  ', '0.0000001', '150%', '', '', '', '', '', '', '', '', '=SUM(A1:A2)'],
    ]);
  });

  it('shows dates from the wall clock in timeZone', () => {
    expect(sheets.zones?.Sheet1?.[1]).toEqual(['07/02/2024 00:30:00', '07/01/2024']);
  });

  it('reads every sheet of a workbook', () => {
    const report = sheets.report ?? {};
    expect(Object.keys(report).sort()).toEqual(['Class Summary', 'Performance', 'Student Analytics']);
    expect(report['Student Analytics']).toHaveLength(41);
    expect(report['Student Analytics']?.[1]).toEqual(['Student 00', 'Class A', '55', '70%', '2024-03-01 08:15:00']);
    expect(report['Class Summary']?.[1]?.slice(0, 2)).toEqual(['Class A', '14']);
    expect(report.Performance).toEqual([
      ['metric', 'value'],
      ['Top score', '99'],
      ['Pass rate', '0.85'],
    ]);
  });

  it('accepts the repaired sheet names', () => {
    expect(Object.keys(sheets.names ?? {}).sort()).toEqual(['DATA', 'History_', 'Q1_Q2_ _draft__', 'data (2)', 'x'.repeat(31)].sort());
  });
});
