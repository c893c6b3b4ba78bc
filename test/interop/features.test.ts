import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';
import { unzip } from '../helpers/unzip.js';

/** openpyxl's view of the workbook features: tables, conditional formats, formulas and their cached values, merges, styles. */
const PY_READ = `
import json, sys, openpyxl
out = {}
for path in json.load(sys.stdin):
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    sheets = {}
    for ws in wb.worksheets:
        cs = cached[ws.title]
        tables = []
        for t in ws.tables.values():
            tables.append({'name': t.name, 'ref': t.ref, 'style': t.tableStyleInfo.name if t.tableStyleInfo else None,
                           'stripes': bool(t.tableStyleInfo.showRowStripes) if t.tableStyleInfo else None,
                           'totals': t.totalsRowCount or 0, 'filter': t.autoFilter.ref if t.autoFilter else None,
                           'columns': [[c.name, c.totalsRowFunction, c.totalsRowLabel] for c in t.tableColumns]})
        cf = []
        for rng in ws.conditional_formatting:
            for rule in rng.rules:
                d = {'range': str(rng.sqref), 'type': rule.type, 'operator': rule.operator, 'formula': list(rule.formula or []), 'rank': rule.rank,
                     'bottom': bool(rule.bottom), 'aboveAverage': rule.aboveAverage, 'text': rule.text}
                if rule.dxf is not None:
                    d['dxfFill'] = rule.dxf.fill.bgColor.rgb if rule.dxf.fill is not None and rule.dxf.fill.bgColor is not None else None
                    d['dxfColor'] = rule.dxf.font.color.rgb if rule.dxf.font is not None and rule.dxf.font.color is not None else None
                if rule.colorScale is not None: d['colors'] = [c.rgb for c in rule.colorScale.color]
                if rule.dataBar is not None: d['bar'] = rule.dataBar.color.rgb
                if rule.iconSet is not None: d['icons'] = rule.iconSet.iconSet
                cf.append(d)
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None: continue
                cells[c.coordinate] = {'v': c.value if not hasattr(c.value, 'isoformat') else c.value.isoformat(), 'cached': cs[c.coordinate].value,
                                       'bold': bool(c.font.b), 'italic': bool(c.font.i), 'size': c.font.sz, 'color': c.font.color.rgb if c.font.color is not None and c.font.color.type == 'rgb' else None,
                                       'fill': c.fill.fgColor.rgb if c.fill.fill_type == 'solid' else None, 'align': c.alignment.horizontal,
                                       'border': c.border.left.style, 'underline': c.font.u, 'format': c.number_format,
                                       'link': c.hyperlink.target if c.hyperlink is not None else None}
        sheets[ws.title] = {'tables': tables, 'cf': cf, 'cells': cells, 'merged': sorted(str(r) for r in ws.merged_cells.ranges),
                            'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref, 'printTitles': ws.print_title_rows, 'maxRow': ws.max_row}
    out[path] = sheets
json.dump(out, sys.stdout, default=str)
`;
import { tempDir } from '../helpers/tempDir.js';

interface PyCell {
  v: unknown;
  cached: unknown;
  bold: boolean;
  italic: boolean;
  size: number;
  color: string | null;
  fill: string | null;
  align: string | null;
  border: string | null;
  underline: string | null;
  format: string;
  /** The target of the cell's native hyperlink (`cell.hyperlink.target`). */
  link: string | null;
}
interface PySheet {
  tables: {
    name: string;
    ref: string;
    style: string | null;
    stripes: boolean;
    totals: number;
    filter: string | null;
    columns: [string, string | null, string | null][];
  }[];
  cf: Record<string, unknown>[];
  cells: Record<string, PyCell>;
  merged: string[];
  freeze: string | null;
  filter: string | null;
  printTitles: string | null;
  maxRow: number;
}

const students = [
  { name: 'Ada', score: 93.5, attempts: 2, profile: 'https://school.example/s/1', email: 'ada@school.example', grade: 'A' },
  { name: 'Bob', score: 41, attempts: 5, profile: { text: 'Bob B.', url: 'https://school.example/s/2?x=1&y="2"' }, email: 'bob@school.example', grade: 'F' },
  { name: 'Cy', score: 77.25, attempts: 3, profile: 'javascript:alert(1)', email: 'cy@school.example', grade: 'C' },
  { name: 'Di', score: 64, attempts: 4, profile: 'file:///etc/passwd', email: null, grade: 'D' },
];
type Student = (typeof students)[number];
const columns = [
  { key: 'name', header: 'Student', style: { bold: true } },
  { key: 'score', type: 'decimal', conditionalFormats: [{ type: 'dataBar' }] },
  { key: 'attempts', type: 'integer', style: { align: 'center', border: true } },
  { key: 'profile', type: 'url' },
  { key: 'email', header: 'E-mail', link: 'mailto:{email}' },
  { key: 'ratio', type: 'decimal', formula: 'B{r}/C{r}', value: (s: Student) => s.score / s.attempts },
  { key: 'double', type: 'decimal', formula: (_: Student, r: number) => `B${r}*2` },
  { key: 'grade', style: { fill: 'E2EFDA', color: '375623' } },
] as const;

const cases = {
  report: () =>
    toXlsx(students, {
      sheetName: 'Scores',
      title: 'Class 7A — autumn scores',
      subtitle: 'Generated 2026-11-28 10:00 UTC',
      preamble: ['Filter: class = 7A'],
      columns: columns as never,
      table: { totals: { name: 'Total', score: 'average', attempts: 'sum', ratio: 'max' } },
      conditionalFormats: [
        { type: 'colorScale', column: 'attempts' },
        { type: 'cell', column: 'score', operator: '<', value: 50, style: { fill: 'FFC7CE', color: '9C0006' } },
        { type: 'cell', column: 'score', operator: 'between', value: [60, 80], style: { bold: true } },
        { type: 'text', column: 'grade', contains: 'A', style: { fill: 'C6EFCE' } },
        { type: 'top', column: 'score', count: 1, style: { bold: true } },
        { type: 'aboveAverage', column: 'score', style: { italic: true } },
        { type: 'iconSet', column: 'ratio', icons: '3Arrows' },
      ],
      rowStyle: (s: Student) => (s.score < 50 ? { italic: true } : undefined),
      print: { orientation: 'landscape' },
    } as never),
  workbook: () =>
    toWorkbook([
      {
        name: 'Plain table',
        rows: [
          { a: 1, b: 'x' },
          { a: 2, b: 'y' },
        ],
        table: true,
      },
      { name: 'Two tables', rows: [{ a: 3 }], table: { name: 'Third', style: 'TableStyleLight9', bandedRows: false } },
      { name: 'Empty', rows: [], columns: ['a', 'b'], table: { totals: { a: 'sum' } }, title: 'Nothing yet' },
    ]),
  links: () =>
    toWorkbook([
      { name: 'Native', rows: students, columns: ['name', { key: 'profile', type: 'url' }, { key: 'email', link: 'mailto:{email}' }] },
      { name: 'Formulas', rows: students, columns: ['name', { key: 'profile', type: 'url' }, { key: 'email', link: 'mailto:{email}' }], links: 'formula' },
    ]),
};

let dir: string;
const files: Record<string, string> = {};
let read: Record<string, Record<string, PySheet>> = {};
const py = haveTool('openpyxl');

beforeAll(async () => {
  dir = tempDir('rowport-features-').dir;
  for (const [name, make] of Object.entries(cases)) {
    files[name] = join(dir, `${name}.xlsx`);
    writeFileSync(files[name], await readAll(make()));
  }
  if (py) read = python(PY_READ, Object.values(files));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sheet = (file: string, name: string): PySheet => read[files[file] as string]?.[name] as PySheet;

describe('workbook features read back by openpyxl', () => {
  it('a table over the header and rows, with a totals row, its style and filter buttons (no sheet autofilter)', ({ skip }) => {
    if (!py) return skip();
    const s = sheet('report', 'Scores');
    expect(s.tables).toEqual([
      {
        name: 'Scores',
        ref: 'A5:H10',
        style: 'TableStyleMedium2',
        stripes: true,
        totals: 1,
        filter: 'A5:H9',
        columns: [
          ['Student', null, 'Total'],
          ['score', 'average', null],
          ['attempts', 'sum', null],
          ['profile', null, null],
          ['E-mail', null, null],
          ['ratio', 'max', null],
          ['double', null, null],
          ['grade', null, null],
        ],
      },
    ]);
    expect(s.filter).toBeNull();
    expect(s.cells.A10?.v).toBe('Total');
    expect(s.cells.B10).toMatchObject({ v: '=SUBTOTAL(101,B6:B9)', cached: (93.5 + 41 + 77.25 + 64) / 4 });
    expect(s.cells.C10).toMatchObject({ v: '=SUBTOTAL(109,C6:C9)', cached: 14 });
    expect(s.cells.F10).toMatchObject({ v: '=SUBTOTAL(104,F6:F9)', cached: 93.5 / 2 });
  });

  it('the title block above the table, merged across its width and styled; the frozen pane and print titles move down', ({ skip }) => {
    if (!py) return skip();
    const s = sheet('report', 'Scores');
    expect(s.merged).toEqual(['A1:H1', 'A2:H2', 'A3:H3']);
    expect(s.cells.A1).toMatchObject({ v: 'Class 7A — autumn scores', bold: true, size: 16 });
    expect(s.cells.A2).toMatchObject({ v: 'Generated 2026-11-28 10:00 UTC', italic: true });
    expect(s.cells.A3?.v).toBe('Filter: class = 7A');
    expect(s.cells.A4).toBeUndefined();
    expect(s.cells.A5?.v).toBe('Student');
    expect(s.freeze).toBe('A6');
    expect(s.printTitles).toBe('$5:$5');
  });

  it('conditional formats over the whole data column, in order, with their styles', ({ skip }) => {
    if (!py) return skip();
    const cf = sheet('report', 'Scores').cf;
    expect(cf).toHaveLength(8); // openpyxl groups rules by range, so the order is its own
    expect(cf).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ range: 'B6:B9', type: 'dataBar', bar: 'FF638EC6' }),
        expect.objectContaining({ range: 'C6:C9', type: 'colorScale', colors: ['FFF8696B', 'FFFFEB84', 'FF63BE7B'] }),
        expect.objectContaining({ range: 'B6:B9', type: 'cellIs', operator: 'lessThan', formula: ['50'], dxfFill: 'FFFFC7CE', dxfColor: 'FF9C0006' }),
        expect.objectContaining({ range: 'B6:B9', type: 'cellIs', operator: 'between', formula: ['60', '80'] }),
        expect.objectContaining({ range: 'H6:H9', type: 'containsText', text: 'A', formula: ['NOT(ISERROR(SEARCH("A",H6)))'], dxfFill: 'FFC6EFCE' }),
        expect.objectContaining({ range: 'B6:B9', type: 'top10', rank: 1, bottom: false }),
        expect.objectContaining({ range: 'B6:B9', type: 'aboveAverage' }),
        expect.objectContaining({ range: 'F6:F9', type: 'iconSet', icons: '3Arrows' }),
      ]),
    );
  });

  it('links to http(s) and mailto targets as native hyperlinks over their text; other targets stay text', ({ skip }) => {
    if (!py) return skip();
    const c = sheet('report', 'Scores').cells;
    expect(c.D6).toMatchObject({ v: 'https://school.example/s/1', link: 'https://school.example/s/1', underline: 'single', color: 'FF0563C1' });
    expect(c.D7).toMatchObject({ v: 'Bob B.', link: 'https://school.example/s/2?x=1&y="2"' });
    expect(c.D8).toMatchObject({ v: 'javascript:alert(1)', cached: 'javascript:alert(1)', underline: null, link: null });
    expect(c.E6).toMatchObject({ v: 'ada@school.example', link: 'mailto:ada@school.example' });
    expect(c.E9).toBeUndefined(); // no address, no link
  });

  it("links: 'formula' writes HYPERLINK formulas with their text cached, no native hyperlink", ({ skip }) => {
    if (!py) return skip();
    const native = sheet('links', 'Native').cells;
    const c = sheet('links', 'Formulas').cells;
    expect(native.B3).toMatchObject({ v: 'Bob B.', link: 'https://school.example/s/2?x=1&y="2"' });
    expect(c.B2).toMatchObject({ v: '=HYPERLINK("https://school.example/s/1")', cached: 'https://school.example/s/1', link: null, underline: 'single' });
    expect(c.B3).toMatchObject({ v: '=HYPERLINK("https://school.example/s/2?x=1&y=""2""","Bob B.")', cached: 'Bob B.', link: null });
    expect(c.B4).toMatchObject({ v: 'javascript:alert(1)', link: null });
    expect(c.C2).toMatchObject({ v: '=HYPERLINK("mailto:ada@school.example","ada@school.example")', cached: 'ada@school.example', link: null });
  });

  it('formula columns with their cached values; text that looks like a formula stays text', ({ skip }) => {
    if (!py) return skip();
    const c = sheet('report', 'Scores').cells;
    expect(c.F6).toMatchObject({ v: '=B6/C6', cached: 93.5 / 2, format: '0.00' });
    expect(c.G7).toMatchObject({ v: '=B7*2', cached: null });
  });

  it('column styles and the row style callback, over the number formats', ({ skip }) => {
    if (!py) return skip();
    const c = sheet('report', 'Scores').cells;
    expect(c.A6).toMatchObject({ bold: true, italic: false });
    expect(c.A7).toMatchObject({ bold: true, italic: true }); // score < 50: the row style lays italics over the column's bold
    expect(c.C6).toMatchObject({ align: 'center', border: 'thin', format: '0' });
    expect(c.H6).toMatchObject({ fill: 'FFE2EFDA', color: 'FF375623' });
    expect(c.B7).toMatchObject({ italic: true, format: '0.00' });
  });

  it('tables on several sheets: unique names, a chosen style, an empty table with its totals row', ({ skip }) => {
    if (!py) return skip();
    expect(sheet('workbook', 'Plain table').tables).toEqual([expect.objectContaining({ name: 'Plain_table', ref: 'A1:B3', totals: 0, filter: 'A1:B3' })]);
    expect(sheet('workbook', 'Two tables').tables).toEqual([
      expect.objectContaining({ name: 'Third', style: 'TableStyleLight9', stripes: false, ref: 'A1:A2' }),
    ]);
    expect(sheet('workbook', 'Empty').tables).toEqual([expect.objectContaining({ name: 'Empty', ref: 'A3:B5', totals: 1, filter: 'A3:B4' })]);
  });
});

describe('workbook features opened by LibreOffice', () => {
  it('keeps tables, conditional formats, merges and formulas when it saves each workbook as xlsx again, and prints each to PDF', ({ skip }) => {
    if (!haveTool('soffice')) return skip();
    const all = Object.values(files);
    const lo = ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`];
    execFileSync('soffice', [...lo, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'xlsx'), ...all], { stdio: 'pipe', timeout: 140_000 });
    execFileSync('soffice', [...lo, '--convert-to', 'pdf', '--outdir', join(dir, 'pdf'), ...all], { stdio: 'pipe', timeout: 140_000 });
    expect(readdirSync(join(dir, 'pdf')).sort()).toEqual(
      Object.keys(cases)
        .map((n) => `${n}.pdf`)
        .sort(),
    );
    const entries = unzip(readFileSync(join(dir, 'xlsx', 'report.xlsx')));
    const sheetXml = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')?.data.toString('utf8') ?? '';
    expect(entries.some((e) => /^xl\/tables\/table\d+\.xml$/.test(e.name))).toBe(true);
    expect(sheetXml).toContain('<mergeCell ref="A1:H1"/>');
    expect(sheetXml.match(/<cfRule /g)?.length).toBe(8);
    expect(sheetXml).toMatch(/<hyperlink ref="D6" r:id="rId\d+"/); // LibreOffice kept the native links
    const rels = entries.find((e) => e.name === 'xl/worksheets/_rels/sheet1.xml.rels')?.data.toString('utf8') ?? '';
    expect(rels).toMatch(/Target="https:\/\/school.example\/s\/1" TargetMode="External"/);
    const forced = unzip(readFileSync(join(dir, 'xlsx', 'links.xlsx'))).find((e) => e.name === 'xl/worksheets/sheet2.xml');
    expect(forced?.data.toString('utf8')).toMatch(/<f[^>]*>HYPERLINK\(/); // and the formulas
    expect(sheetXml).toMatch(/<f[^>]*>B6\/C6<\/f>/);
    expect(sheetXml).toMatch(/<f[^>]*>SUBTOTAL\(101,B6:B9\)<\/f>/);
  }, 300_000);
});
