import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveTool } from '../helpers/tools.js';
import { readWithOpenpyxl, values } from '../helpers/xlsx.js';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

// Typed input (JSON, NDJSON) gives typed cells; CSV gives strings unless --columns types them.
const ROWS = [
  { id: 1, name: 'Ada, "the first"', score: 9.5, active: true, note: null },
  { id: 2, name: 'Grace\nHopper', score: -1, active: false, note: 'ü€ 日本' },
  { id: 3, name: '=SUM(A1)', score: 0, active: true, note: '' },
];
const HEADER = ['id', 'name', 'score', 'active', 'note'];
const TYPED = [HEADER, [1, 'Ada, "the first"', 9.5, true, null], [2, 'Grace\nHopper', -1, false, 'ü€ 日本'], [3, '=SUM(A1)', 0, true, null]];
const CSV_INPUT = 'id,name,score,active,note\r\n1,"Ada, ""the first""",9.5,true,\r\n2,"Grace\nHopper",-1,false,ü€ 日本\r\n3,=SUM(A1),0,true,\r\n';
const CSV_COLUMNS = 'id:integer,name,score:decimal,active,note';
const FROM_CSV = [HEADER, [1, 'Ada, "the first"', 9.5, 'true', null], [2, 'Grace\nHopper', -1, 'false', 'ü€ 日本'], [3, '=SUM(A1)', 0, 'true', null]];
const INPUTS = {
  json: `[\n${ROWS.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`,
  ndjson: `${ROWS.map((r) => JSON.stringify(r)).join('\n')}\n`,
  csv: CSV_INPUT,
} as const;
type Format = keyof typeof INPUTS;
const FORMATS = Object.keys(INPUTS) as Format[];
const expected = (format: Format) => (format === 'csv' ? FROM_CSV : TYPED);
const extraArgs = (format: Format) => (format === 'csv' ? ['--columns', CSV_COLUMNS] : []);

const tmp = tempDir();
beforeAll(() => {
  for (const format of FORMATS) writeFileSync(tmp.path(`rows.${format}`), INPUTS[format]);
});
afterAll(() => tmp.cleanup());

/** Cell values read back by exceljs, `null` for an empty cell. */
async function readWithExceljs(path: string): Promise<{ name: string; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      cells.push(value === undefined || value === '' ? null : value);
    }
    rows.push(cells);
  });
  return { name: sheet.name, rows };
}

describe('rowport to XLSX', () => {
  describe.each(FORMATS)('%s', (format) => {
    it('file → -o FILE.xlsx, read back by exceljs and openpyxl', async () => {
      const out = tmp.path(`from-${format}-file.xlsx`);
      const result = await run([tmp.path(`rows.${format}`), '-o', out, ...extraArgs(format)]);
      expect(result.code).toBe(0);
      expect((await readWithExceljs(out)).rows).toEqual(expected(format));
      if (haveTool('openpyxl')) {
        const sheet = readWithOpenpyxl([out])[out]?.sheets[0];
        expect(sheet && values(sheet)).toEqual(expected(format));
        expect(sheet?.freeze).toBe('A2');
        expect(sheet?.filter).toBe('A1:E4');
      }
    });

    it('stdin → stdout with --to xlsx (format sniffed, or --from)', async () => {
      const result = await run(['--to', 'xlsx', ...(format === 'csv' ? ['--from', 'csv'] : []), ...extraArgs(format)], { input: INPUTS[format] });
      expect(result.code).toBe(0);
      expect(result.stdout.subarray(0, 2).toString('latin1')).toBe('PK');
      const out = tmp.path(`from-${format}-stdout.xlsx`);
      writeFileSync(out, result.stdout);
      expect((await readWithExceljs(out)).rows).toEqual(expected(format));
    });
  });

  it('--sheet, --no-freeze, --no-filter and --no-autofit reach the writer', async () => {
    const out = tmp.path('look.xlsx');
    const plain = tmp.path('look-default.xlsx');
    expect((await run([tmp.path('rows.json'), '-o', plain])).code).toBe(0);
    const result = await run([tmp.path('rows.json'), '-o', out, '--sheet', 'Students', '--no-freeze', '--no-filter', '--no-autofit']);
    expect(result.code).toBe(0);
    expect((await readWithExceljs(out)).name).toBe('Students');
    if (haveTool('openpyxl')) {
      const books = readWithOpenpyxl([out, plain]);
      const sheet = books[out]?.sheets[0];
      expect(sheet).toMatchObject({ title: 'Students', freeze: null, filter: null });
      expect(Object.keys(sheet?.widths ?? {})).toEqual([]);
      expect(Object.keys(books[plain]?.sheets[0]?.widths ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('--columns types CSV strings into numbers and dates; --no-header drops the header', async () => {
    const input = 'day,total\n2024-01-15,12.50\n2024-02-29,-3\n';
    const out = tmp.path('typed.xlsx');
    const result = await run(['--from', 'csv', '-o', out, '--columns', 'day:Day:date,total:Total:decimal'], { input });
    expect(result.code).toBe(0);
    const { rows } = await readWithExceljs(out);
    expect(rows).toEqual([
      ['Day', 'Total'],
      [new Date('2024-01-15T00:00:00Z'), 12.5],
      [new Date('2024-02-29T00:00:00Z'), -3],
    ]);
    const headless = tmp.path('headless.xlsx');
    expect((await run(['--from', 'csv', '-o', headless, '--no-header'], { input })).code).toBe(0);
    expect((await readWithExceljs(headless)).rows[0]).toEqual(['2024-01-15', '12.50']);
  });

  it('reports XLSX warnings on stderr with code and sheet, and still writes the file', async () => {
    const out = tmp.path('renamed.xlsx');
    const result = await run([tmp.path('rows.json'), '-o', out, '--sheet', 'a/b']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: .*\(ROWPORT_SHEET_RENAMED/);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('a bad value stops the export with exit 1 and leaves no file', async () => {
    const out = tmp.path('bad-date.xlsx');
    const result = await run(['--from', 'ndjson', '-o', out, '--columns', 'day:date'], { input: '{"day":"2024-01-15"}\n{"day":"not a date"}\n' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(ROWPORT_INVALID_DATE, row 1, column "day", input line 2)');
    expect(tmp.files()).not.toContain('bad-date.xlsx');
  });
});

describe('rowport --links and url columns', () => {
  const input = `${JSON.stringify([
    { id: 1, profile: 'https://school.example/s/1' },
    { id: 2, profile: 'https://school.example/s/2?a=1&b=2' },
  ])}\n`;

  it.each([
    ['auto (default)', [], (v: unknown) => expect(v).toEqual({ text: 'https://school.example/s/2?a=1&b=2', hyperlink: 'https://school.example/s/2?a=1&b=2' })],
    ['formula', ['--links', 'formula'], (v: unknown) => expect(v).toMatchObject({ formula: 'HYPERLINK("https://school.example/s/2?a=1&b=2")' })],
  ])('--types profile:url writes links: %s', async (_, flags, check) => {
    writeFileSync(tmp.path('links.json'), input);
    const out = tmp.path(`links-${flags.length}.xlsx`);
    const result = await run([tmp.path('links.json'), '-o', out, '--types', 'profile:url', ...flags]);
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    check(workbook.worksheets[0]?.getCell('B3').value);
  });

  it('refuses another --links value, and --links for CSV output', async () => {
    writeFileSync(tmp.path('links.json'), input);
    const bad = await run([tmp.path('links.json'), '-o', tmp.path('x.xlsx'), '--links', 'native']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--links');
    const csv = await run([tmp.path('links.json'), '-o', tmp.path('x.csv'), '--links', 'formula']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('--links applies only to XLSX output');
  });
});
