import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChartSpec, toWorkbook, toXlsx } from '../../../../src/index.js';
import { readAll } from '../../../helpers/streams.js';
import { haveTool, python } from '../../../helpers/tools.js';
import { parts } from '../../../helpers/unzip.js';
import { removeTempDirs, tempDir } from '../../../helpers/xlsx.js';

/** openpyxl's view of each chart's value axis, data labels and series colours. */
const PY_READ = `
import json, sys, openpyxl
def fmt(n):
    return n.formatCode if n is not None else None
def colour(s, kind):
    gp = s.graphicalProperties
    if gp is None: return None
    fill = gp.line.solidFill if kind == 'LineChart' else gp.solidFill
    if fill is None or fill.srgbClr is None: return None
    return (fill.srgbClr if isinstance(fill.srgbClr, str) else fill.srgbClr.val).upper()
def labels(s):
    d = s.dLbls
    return None if d is None else {'showVal': bool(d.showVal), 'numFmt': d.numFmt}
out = {}
for path in json.load(sys.stdin):
    wb = openpyxl.load_workbook(path)
    charts = []
    for ch in wb.worksheets[0]._charts:
        kind = type(ch).__name__
        axis = None
        if kind != 'PieChart':
            y = ch.y_axis
            axis = {'min': y.scaling.min, 'max': y.scaling.max, 'majorUnit': y.majorUnit, 'numFmt': fmt(y.numFmt)}
        charts.append({'type': kind, 'axis': axis, 'series': [{'color': colour(s, kind), 'labels': labels(s)} for s in ch.series]})
    out[path] = charts
json.dump(out, sys.stdout)
`;

interface PyChart {
  type: string;
  axis: { min: number | null; max: number | null; majorUnit: number | null; numFmt: string | null } | null;
  series: { color: string | null; labels: { showVal: boolean; numFmt: string | null } | null }[];
}

const classes = ['7A', '7B', '8A', '8B'].map((name, i) => ({ name, avg: 67 + i * 2.5, pass: 0.7 + i / 20 }));
const columns = ['name', { key: 'avg', type: 'decimal' as const }, { key: 'pass', type: 'percent' as const }];
const tuned: ChartSpec[] = [
  {
    type: 'column',
    categories: 'name',
    series: [{ key: 'avg', color: '#2e75b6' }, 'pass'],
    valueAxis: { min: 0, max: 100, majorUnit: 25, numFmt: '0' },
    dataLabels: { numFmt: '0.0' },
  },
  { type: 'bar', categories: 'name', series: ['avg'], valueAxis: { min: 60 }, dataLabels: true, anchor: 'H20' },
  { type: 'line', categories: 'name', series: [{ key: 'pass', color: '#C00000' }], valueAxis: { numFmt: '0%', max: 1 }, anchor: 'H40' },
  { type: 'pie', categories: 'name', series: ['avg'], dataLabels: true, anchor: 'H60' },
];

let dir: string;
let file: string;
let plain: string;
let py: Record<string, PyChart[]> | undefined;

beforeAll(async () => {
  dir = tempDir('rowport-chart-tuning-');
  file = join(dir, 'tuned.xlsx');
  plain = join(dir, 'plain.xlsx');
  writeFileSync(file, await readAll(toXlsx(classes, { columns, charts: tuned })));
  writeFileSync(plain, await readAll(toXlsx(classes, { columns, charts: [{ type: 'column', categories: 'name', series: ['avg', 'pass'] }] })));
  if (haveTool('openpyxl')) py = python(PY_READ, [file, plain]);
});
afterAll(removeTempDirs);

describe('chart value axis, data labels and series colours, read back by openpyxl', () => {
  it('a column chart: min, max, major unit and label format of its value axis, labels, one chosen colour', ({ skip }) => {
    if (!py) return skip();
    expect(py[file]![0]).toEqual({
      type: 'BarChart',
      axis: { min: 0, max: 100, majorUnit: 25, numFmt: '0' },
      series: [
        { color: '2E75B6', labels: { showVal: true, numFmt: '0.0' } },
        { color: 'ED7D31', labels: { showVal: true, numFmt: '0.0' } },
      ],
    });
  });

  it('a bar chart with only a min, labels in the cells’ format; a line chart with its colour; a pie with labels', ({ skip }) => {
    if (!py) return skip();
    const [, bar, line, pie] = py[file]!;
    expect(bar).toEqual({
      type: 'BarChart',
      axis: { min: 60, max: null, majorUnit: null, numFmt: '0.00' },
      series: [{ color: '4472C4', labels: { showVal: true, numFmt: null } }],
    });
    expect(line).toEqual({ type: 'LineChart', axis: { min: null, max: 1, majorUnit: null, numFmt: '0%' }, series: [{ color: 'C00000', labels: null }] });
    expect(pie).toMatchObject({ type: 'PieChart', axis: null, series: [{ labels: { showVal: true, numFmt: null } }] });
  });

  it('keeps the defaults: the reader scales the axis, no labels, the palette', ({ skip }) => {
    if (!py) return skip();
    expect(py[plain]![0]).toEqual({
      type: 'BarChart',
      axis: { min: null, max: null, majorUnit: null, numFmt: '0.00' },
      series: [
        { color: '4472C4', labels: null },
        { color: 'ED7D31', labels: null },
      ],
    });
  });

  it('LibreOffice keeps the axis settings and labels when it saves the workbook again', ({ skip }) => {
    if (!py || !haveTool('soffice')) return skip();
    const out = join(dir, 'lo');
    const profile = join(dir, 'profile');
    mkdirSync(profile, { recursive: true });
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'xlsx', '--outdir', out, file], {
      stdio: 'pipe',
      timeout: 300_000,
    });
    const [column] = python<Record<string, PyChart[]>>(PY_READ, [join(out, 'tuned.xlsx')])[join(out, 'tuned.xlsx')]!;
    expect(column!.axis).toEqual({ min: 0, max: 100, majorUnit: 25, numFmt: '0' });
    expect(column!.series[0]).toEqual({ color: '2E75B6', labels: { showVal: true, numFmt: '0.0' } });
  });
});

describe('chart tuning options refused at the call', () => {
  const chart: ChartSpec = { type: 'column', categories: 'name', series: ['avg'] };
  const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });
  it.each([
    ['a min that is not a number', { valueAxis: { min: '0' } }, 'charts[0].valueAxis.min'],
    ['a max below the min', { valueAxis: { min: 10, max: 5 } }, 'charts[0].valueAxis.max'],
    ['an infinite max', { valueAxis: { max: Number.POSITIVE_INFINITY } }, 'charts[0].valueAxis.max'],
    ['a major unit of 0', { valueAxis: { majorUnit: 0 } }, 'charts[0].valueAxis.majorUnit'],
    ['an empty axis format', { valueAxis: { numFmt: '' } }, 'charts[0].valueAxis.numFmt'],
    ['a label format that is not a string', { dataLabels: { numFmt: 2 } }, 'charts[0].dataLabels.numFmt'],
    ['labels that are a string', { dataLabels: 'values' }, 'charts[0].dataLabels'],
    ['a colour without #', { series: [{ key: 'avg', color: '2E75B6' }] }, 'charts[0].series[0].color'],
    ['a colour by name', { series: [{ key: 'avg', color: 'red' }] }, 'charts[0].series[0].color'],
    ['a series object without key', { series: [{ color: '#FF0000' }] }, 'charts[0].series[0].key'],
    ['a series object key that is not a column', { series: [{ key: 'nope' }] }, 'charts[0].series[0]'],
    ['a value axis on a pie', { type: 'pie', valueAxis: { min: 0 } }, 'charts[0].valueAxis'],
    ['a series colour on a pie', { type: 'pie', series: [{ key: 'avg', color: '#FF0000' }] }, 'charts[0].series[0].color'],
  ])('%s', (_, change, option) => {
    expect(() => toXlsx(classes, { columns, charts: [{ ...chart, ...change } as ChartSpec] })).toThrow(invalid(option));
  });

  it('an unknown key of the value axis, naming the sheet', () => {
    expect(() => toWorkbook([{ name: 'A', rows: classes, columns, charts: [{ ...chart, valueAxis: { minimum: 0 } as never }] }])).toThrow(
      /Unknown option `sheets\[0\]\.charts\[0\]\.valueAxis\.minimum` Known: min, max, majorUnit, numFmt/,
    );
  });

  it('hints the # of a colour', () => {
    expect(() => toXlsx(classes, { columns, charts: [{ ...chart, series: [{ key: 'avg', color: 'C00000' }] }] })).toThrow(/Write '#C00000'/);
  });
});

describe('chart XML', () => {
  it('writes the scaling in schema order (orientation, max, min) and the major unit last', async () => {
    const xml = parts(await readAll(toXlsx(classes, { columns, charts: [tuned[0]!] })))['xl/charts/chart1.xml']!;
    expect(xml).toContain('<c:scaling><c:orientation val="minMax"/><c:max val="100"/><c:min val="0"/></c:scaling>');
    expect(xml).toContain('<c:crossBetween val="between"/><c:majorUnit val="25"/></c:valAx>');
    expect(xml).toContain('<c:invertIfNegative val="0"/><c:dLbls><c:numFmt formatCode="0.0" sourceLinked="0"/>');
  });
});
