import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';
import { unzip } from '../helpers/unzip.js';

/** openpyxl's view of every chart and of the print settings of each sheet. */
const PY_READ = `
import json, sys, openpyxl
out = {}
for path in json.load(sys.stdin):
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        charts = []
        for ch in ws._charts:
            def text(t):
                if t is None or t.tx is None or t.tx.rich is None: return None
                return ''.join(r.t for p in t.tx.rich.p for r in (p.r or []))
            def ref(d):
                if d is None: return None
                r = d.numRef or d.strRef
                return r.f if r is not None else None
            axes = {}
            if type(ch).__name__ != 'PieChart':
                axes = {'x': text(ch.x_axis.title), 'y': text(ch.y_axis.title), 'yFormat': ch.y_axis.numFmt.formatCode if ch.y_axis.numFmt else None}
            charts.append({
                'type': type(ch).__name__,
                'barDir': getattr(ch, 'barDir', None),
                'title': text(ch.title),
                'series': [{'name': s.tx.strRef.f if s.tx and s.tx.strRef else (s.tx.v if s.tx else None), 'val': ref(s.val), 'cat': ref(s.cat)} for s in ch.series],
                'legend': ch.legend.position if ch.legend is not None else None,
                'anchor': [ch.anchor._from.col, ch.anchor._from.row],
                **axes,
            })
        hf = ws.HeaderFooter
        def part(h):
            return {k: getattr(h, k).text for k in ('left', 'center', 'right') if getattr(h, k).text}
        sheets[ws.title] = {
            'charts': charts,
            'header': part(hf.oddHeader), 'footer': part(hf.oddFooter),
            'orientation': ws.page_setup.orientation, 'paperSize': ws.page_setup.paperSize,
            'fitToWidth': ws.page_setup.fitToWidth, 'fitToHeight': ws.page_setup.fitToHeight,
            'fitToPage': bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            'printTitleRows': ws.print_title_rows,
            'gridLines': bool(ws.print_options.gridLines),
        }
    out[path] = sheets
json.dump(out, sys.stdout)
`;
import { tempDir } from '../helpers/tempDir.js';

interface PyChart {
  type: string;
  barDir: string | null;
  title: string | null;
  series: { name: string | null; val: string | null; cat: string | null }[];
  legend: string | null;
  anchor: [number, number];
  x?: string | null;
  y?: string | null;
  yFormat?: string | null;
}
interface PySheet {
  charts: PyChart[];
  header: Record<string, string>;
  footer: Record<string, string>;
  orientation: string | null;
  paperSize: string | number | null;
  fitToWidth: number | null;
  fitToHeight: number | null;
  fitToPage: boolean;
  printTitleRows: string | null;
  gridLines: boolean;
}

const classes = ['7A', '7B', '8A', '8B', '9A', '9B'].map((name, i) => ({
  className: name,
  students: 20 + i,
  avgScore: 60 + i * 4.25,
  passRate: 0.5 + i * 0.07,
}));
const weeks = Array.from({ length: 12 }, (_, i) => ({
  week: new Date(Date.UTC(2024, 8, 2 + 7 * i)),
  attendance: 0.8 + ((i * 7) % 10) / 100,
  late: (i * 3) % 7,
}));
const classColumns = [
  { key: 'className', header: 'Class' },
  { key: 'students', header: 'Students', type: 'integer' as const },
  { key: 'avgScore', header: 'Average score', type: 'decimal' as const },
  { key: 'passRate', header: 'Pass rate', type: 'percent' as const },
];
const weekColumns = [
  { key: 'week', header: 'Week', type: 'date' as const },
  { key: 'attendance', header: 'Attendance', type: 'percent' as const },
  { key: 'late', header: 'Late arrivals', type: 'integer' as const },
];

/** Every workbook the tests write, by name, with what was asked. */
const cases: Record<string, () => NodeJS.ReadableStream> = {
  column: () =>
    toXlsx(classes, {
      sheetName: 'Class Summary',
      columns: classColumns,
      charts: [{ type: 'column', title: 'Average score per class', categories: 'className', series: ['avgScore'], yAxisTitle: 'Score', xAxisTitle: 'Class' }],
      headerFooter: { header: '&LRowport&C&A&R&D', footer: 'Page &P of &N' },
      print: { orientation: 'landscape', fitToWidth: true, paperSize: 'a4', gridlines: true },
    }),
  bar: () =>
    toXlsx(classes, {
      columns: classColumns,
      charts: [
        {
          type: 'bar',
          title: 'Scores and pass rates',
          categories: 'className',
          series: ['avgScore', 'passRate'],
          legend: 'bottom',
          anchor: 'B10',
          size: { width: 640, height: 400 },
        },
      ],
      print: { repeatHeader: false },
    }),
  line: () =>
    toXlsx(weeks, {
      sheetName: "O'Brien's weeks",
      columns: weekColumns,
      charts: [{ type: 'line', title: 'Weekly attendance', categories: 'week', series: ['attendance', 'late'] }],
    }),
  pie: () =>
    toXlsx(classes, { sheetName: 'Pie', columns: classColumns, charts: [{ type: 'pie', title: 'Students', categories: 'className', series: ['students'] }] }),
  workbook: () =>
    toWorkbook(
      [
        {
          name: 'Class Summary',
          rows: classes,
          columns: classColumns,
          charts: [
            { type: 'column', categories: 'className', series: ['avgScore'] },
            { type: 'pie', categories: 'className', series: ['students'] },
          ],
        },
        { name: 'No charts', rows: classes, columns: classColumns, headerFooter: { footer: '&CConfidential' } },
        {
          name: 'Attendance',
          rows: weeks,
          columns: weekColumns,
          charts: [{ type: 'line', categories: 'week', series: ['attendance'] }],
          print: { orientation: 'landscape' },
        },
      ],
      {},
    ),
};

let dir: string;
let files: Record<string, string>;
let py: Record<string, Record<string, PySheet>> | undefined;
const sheet = (name: string, sheetName: string) => py![files[name]!]![sheetName]!;

beforeAll(async () => {
  dir = tempDir('rowport-charts-').dir;
  files = {};
  for (const [name, make] of Object.entries(cases)) {
    files[name] = join(dir, `${name}.xlsx`);
    writeFileSync(files[name]!, await readAll(make() as never));
  }
  if (haveTool('openpyxl')) py = python(PY_READ, Object.values(files));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('charts read back by openpyxl', () => {
  it('a column chart: direction, title, series, references, axis titles and format', ({ skip }) => {
    if (!py) return skip();
    const [chart, ...rest] = sheet('column', 'Class Summary').charts;
    expect(rest).toEqual([]);
    expect(chart).toEqual({
      type: 'BarChart',
      barDir: 'col',
      title: 'Average score per class',
      series: [{ name: "'Class Summary'!$C$1", val: "'Class Summary'!$C$2:$C$7", cat: "'Class Summary'!$A$2:$A$7" }],
      legend: null,
      anchor: [5, 1], // two columns right of A:D, row 2
      x: 'Class',
      y: 'Score',
      yFormat: '0.00',
    });
  });

  it('a bar chart with two series, a legend, an anchor and a size', ({ skip }) => {
    if (!py) return skip();
    const [chart] = sheet('bar', 'Sheet1').charts;
    expect(chart).toMatchObject({
      type: 'BarChart',
      barDir: 'bar',
      title: 'Scores and pass rates',
      legend: 'b',
      anchor: [1, 9],
      series: [
        { name: 'Sheet1!$C$1', val: 'Sheet1!$C$2:$C$7', cat: 'Sheet1!$A$2:$A$7' },
        { name: 'Sheet1!$D$1', val: 'Sheet1!$D$2:$D$7', cat: 'Sheet1!$A$2:$A$7' },
      ],
    });
  });

  it('a line chart over dates, on a sheet whose name needs quotes', ({ skip }) => {
    if (!py) return skip();
    const [chart] = sheet('line', "O'Brien's weeks").charts;
    expect(chart).toMatchObject({
      type: 'LineChart',
      title: 'Weekly attendance',
      legend: 'r',
      yFormat: '0.00%',
      series: [
        { name: "'O''Brien''s weeks'!$B$1", val: "'O''Brien''s weeks'!$B$2:$B$13", cat: "'O''Brien''s weeks'!$A$2:$A$13" },
        { name: "'O''Brien''s weeks'!$C$1", val: "'O''Brien''s weeks'!$C$2:$C$13", cat: "'O''Brien''s weeks'!$A$2:$A$13" },
      ],
    });
  });

  it('a pie chart', ({ skip }) => {
    if (!py) return skip();
    expect(sheet('pie', 'Pie').charts).toEqual([
      {
        type: 'PieChart',
        barDir: null,
        title: 'Students',
        legend: 'r',
        anchor: [5, 1],
        series: [{ name: 'Pie!$B$1', val: 'Pie!$B$2:$B$7', cat: 'Pie!$A$2:$A$7' }],
      },
    ]);
  });

  it('charts on several sheets of a workbook, each over its own sheet', ({ skip }) => {
    if (!py) return skip();
    const summary = sheet('workbook', 'Class Summary').charts;
    expect(summary.map((c) => [c.type, c.series.length, c.series[0]!.val])).toEqual([
      ['BarChart', 1, "'Class Summary'!$C$2:$C$7"],
      ['PieChart', 1, "'Class Summary'!$B$2:$B$7"],
    ]);
    expect(summary[1]!.anchor[1]).toBeGreaterThan(summary[0]!.anchor[1]);
    expect(sheet('workbook', 'No charts').charts).toEqual([]);
    expect(sheet('workbook', 'Attendance').charts.map((c) => [c.type, c.series[0]!.val])).toEqual([['LineChart', 'Attendance!$B$2:$B$13']]);
  });
});

describe('print settings read back by openpyxl', () => {
  it('header and footer sections, orientation, paper, fit to width, gridlines, print titles', ({ skip }) => {
    if (!py) return skip();
    expect(sheet('column', 'Class Summary')).toMatchObject({
      header: { left: 'Rowport', center: '&A', right: '&D' },
      footer: { center: 'Page &P of &N' },
      orientation: 'landscape',
      paperSize: 9,
      fitToWidth: 1,
      fitToHeight: 0,
      fitToPage: true,
      gridLines: true,
      printTitleRows: '$1:$1',
    });
  });

  it('repeats the header row by default and not with repeatHeader: false', ({ skip }) => {
    if (!py) return skip();
    expect(sheet('pie', 'Pie').printTitleRows).toBe('$1:$1');
    expect(sheet('bar', 'Sheet1').printTitleRows).toBeNull();
    expect(sheet('workbook', 'Attendance')).toMatchObject({ printTitleRows: '$1:$1', orientation: 'landscape' });
    expect(sheet('workbook', 'No charts')).toMatchObject({ footer: { center: 'Confidential' }, printTitleRows: '$1:$1' });
  });
});

describe('charts opened by LibreOffice', () => {
  it('keeps a chart part when it converts each workbook to xlsx again, and prints each to PDF', ({ skip }) => {
    if (!haveTool('soffice')) return skip();
    const all = Object.values(files);
    const lo = ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`];
    execFileSync('soffice', [...lo, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'xlsx'), ...all], { stdio: 'pipe', timeout: 140_000 });
    execFileSync('soffice', [...lo, '--convert-to', 'pdf', '--outdir', join(dir, 'pdf'), ...all], { stdio: 'pipe', timeout: 140_000 });
    for (const name of Object.keys(cases)) {
      const names = unzip(readFileSync(join(dir, 'xlsx', `${name}.xlsx`))).map((e) => e.name);
      const written = unzip(readFileSync(files[name]!)).filter((e) => /^xl\/charts\/chart\d+\.xml$/.test(e.name)).length;
      expect(
        names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)),
        name,
      ).toHaveLength(written);
    }
    expect(readdirSync(join(dir, 'pdf')).sort()).toEqual(
      Object.keys(cases)
        .map((n) => `${n}.pdf`)
        .sort(),
    );
  }, 300_000); // two LibreOffice runs; a first start with a fresh profile is slow on a busy machine
});
