import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PyCell, type PyWorkbook, readWithOpenpyxl, saveTo, removeTempDirs, tempDir, values } from '../helpers/xlsx.js';
import { fixtures } from '../helpers/xlsxFixtures.js';
import { haveTool } from '../helpers/tools.js';

afterEach(removeTempDirs);

describe.runIf(haveTool('openpyxl'))('XLSX read back with openpyxl', () => {
  const books: Record<string, PyWorkbook> = {};
  beforeAll(async () => {
    const dir = tempDir();
    const paths: Record<string, string> = {};
    for (const f of fixtures) paths[f.name] = await saveTo(dir, `${f.name}.xlsx`, f.make());
    const read = readWithOpenpyxl(Object.values(paths));
    for (const [name, path] of Object.entries(paths)) books[name] = read[path] as PyWorkbook;
    void join;
  });
  const sheet = (name: string, i = 0) => {
    const book = books[name] as PyWorkbook;
    expect(book.error).toBeUndefined();
    return book.sheets[i] as NonNullable<PyWorkbook['sheets'][number]>;
  };
  const cell = (name: string, ref: string, i = 0): PyCell => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref) as RegExpExecArray;
    const col = (m[1] as string).split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return sheet(name, i).rows[Number(m[2]) - 1]?.[col - 1] as PyCell;
  };

  it('reads every value with its type', () => {
    expect(values(sheet('typed'))).toEqual([
      ['id', 'Name', 'score', 'rate', 'born', 'seen', 'active', 'big', 'small', 'huge', 'bad', 'meta', 'note'],
      [
        1,
        'Ada Lovelace',
        93.456,
        0.875,
        '1990-12-10T00:00:00',
        '2024-01-15T14:30:45',
        true,
        '12345678901234567890',
        42,
        2 ** 60,
        '#NUM!',
        '{"tags":["a","b"]}',
        'line one\nline two',
      ],
      [
        2,
        '漢字テスト 한국어',
        -0.5,
        0,
        '2000-02-29T00:00:00',
        '1999-12-31T23:59:59',
        false,
        '-98765432109876543210',
        -7,
        123456789012345,
        '#NUM!',
        '[1,2]',
        'tab\there & <b>bold</b> "quoted" _x0041_ ctrl\u0001 cr\r\nend',
      ],
      [3, '  padded  ', 1e-7, 1.5, null, null, null, null, null, null, null, null, '=SUM(A1:A2)'],
    ]);
    expect(sheet('typed').rows[1]?.map((c) => c.t)).toEqual(['n', 's', 'n', 'n', 'd', 'd', 'b', 's', 'n', 'n', 'e', 's', 's']);
    expect(cell('typed', 'M4').t).toBe('s'); // a formula-looking string stays text
  });

  it('applies the number formats of the column types', () => {
    expect(
      sheet('typed')
        .rows[1]?.slice(0, 6)
        .map((c) => c.f),
    ).toEqual(['0', 'General', '0.00', '0.00%', 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm:ss']);
    expect(cell('zones', 'A2').f).toBe('dd.mm.yyyy hh:mm:ss');
    expect(cell('zones', 'B2').f).toBe('dd.mm.yyyy');
  });

  it('takes date serials from the wall clock in timeZone, never shifting calendar dates', () => {
    expect(cell('zones', 'A2').v).toBe('2024-07-02T00:30:00');
    expect(cell('zones', 'B2').v).toBe('2024-07-01T00:00:00');
  });

  it('styles the header bold on a blue fill by default', () => {
    const header = sheet('typed').rows[0] as PyCell[];
    for (const c of header) expect(c).toMatchObject({ bold: true, fill: 'FF4472C4', color: 'FFFFFFFF' });
    expect(cell('typed', 'A2')).toMatchObject({ bold: false, fill: null });
  });

  it('takes header colours, or none', () => {
    expect(cell('colours', 'A1')).toMatchObject({ bold: true, fill: 'FF00B050', color: 'FF000000' });
    expect(cell('plain', 'A1')).toMatchObject({ bold: false, fill: null });
  });

  it('freezes the header row and filters the written range by default', () => {
    expect(sheet('typed')).toMatchObject({ freeze: 'A2', filter: 'A1:M4' });
    expect(sheet('plain')).toMatchObject({ freeze: null, filter: null });
  });

  it('fits column widths (min 8, max 50), keeps explicit widths, counts CJK double', () => {
    const widths = sheet('typed').widths;
    expect(widths.A).toBe(8);
    expect(widths.B).toBe(19); // '漢字テスト 한국어' is 17 wide
    expect(widths.F).toBe(21); // yyyy-mm-dd hh:mm:ss
    expect(widths.M).toBe(30);
    expect(sheet('plain').widths).toEqual({});
  });

  it('wraps multi-line and long text', () => {
    expect(cell('typed', 'M2').wrap).toBe(true);
    expect(cell('typed', 'M3').wrap).toBe(true);
    expect(cell('typed', 'B2').wrap).toBe(false);
    expect(cell('plain', 'A2').wrap).toBe(false);
  });

  it('writes the sheets of a workbook in order, each with its own columns and formats', () => {
    const book = books.report as PyWorkbook;
    expect(book.sheets.map((s) => s.title)).toEqual(['Student Analytics', 'Class Summary', 'Performance']);
    expect(book.sheets[0]?.maxRow).toBe(41);
    expect(cell('report', 'D2', 0).f).toBe('0.00%');
    expect(values(book.sheets[1] as never)[1]).toEqual(['Class A', 14, expect.closeTo(76, 0)]);
    expect(cell('report', 'C2', 1).f).toBe('0.00');
    expect(book.sheets.every((s) => s.freeze === 'A2')).toBe(true);
  });

  it('repairs sheet names', () => {
    expect((books.names as PyWorkbook).sheets.map((s) => s.title)).toEqual(['Q1_Q2_ _draft__', 'x'.repeat(31), 'DATA', 'data (2)', 'History_']);
  });

  it('fixes the creation time unless createdAt is given', () => {
    expect(books.typed).toMatchObject({ creator: 'rowport', created: '1980-01-01T00:00:00' });
  });
});
