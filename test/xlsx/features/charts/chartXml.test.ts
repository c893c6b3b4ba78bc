import { describe, expect, it } from 'vitest';
import { planColumn } from '../../../../src/xlsx/settings/sheetSettings.js';
import { type ChartColumn, type ChartSpec, bindCharts, normaliseCharts } from '../../../../src/xlsx/features/charts/chartOptions.js';
import { chartXml } from '../../../../src/xlsx/features/charts/chartXml.js';

const columns: ChartColumn[] = [
  planColumn('className', 'Class', 'string', undefined, undefined, 'iso'),
  planColumn('avgScore', 'Average <score> & "rank"', 'decimal', undefined, undefined, 'iso'),
  planColumn('passRate', 'Pass rate', 'percent', undefined, undefined, 'iso'),
  planColumn('week', 'Week', 'date', undefined, undefined, 'iso'),
];
const range = { sheetName: 'Class Summary', header: true, dataRows: 40 };

function xml(spec: Partial<ChartSpec>, r = range): string {
  const [chart] = bindCharts(normaliseCharts([{ type: 'column', categories: 'className', series: ['avgScore'], ...spec }]), columns);
  return chartXml(chart!, r);
}

describe('chartXml', () => {
  it('writes a well-formed chartSpace with the three namespaces', () => {
    const text = xml({});
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>\n<c:chartSpace xmlns:c="[^"]+" xmlns:a="[^"]+" xmlns:r="[^"]+">/);
    expect(text.endsWith('</c:chartSpace>')).toBe(true);
    expect(balanced(text)).toBe(true);
  });

  it.each([
    ['column', '<c:barChart><c:barDir val="col"/>'],
    ['bar', '<c:barChart><c:barDir val="bar"/>'],
    ['line', '<c:lineChart><c:grouping val="standard"/>'],
    ['pie', '<c:pieChart><c:varyColors val="1"/>'],
  ] as const)('draws a %s chart', (type, start) => {
    const text = xml({ type });
    expect(text).toContain(start);
    expect(balanced(text)).toBe(true);
    if (type === 'pie') expect(text).not.toContain('<c:catAx>');
    else expect(text).toContain('<c:catAx>');
  });

  it('refers to the data rows 2..n+1 of the sheet, quoting its name', () => {
    const text = xml({ series: ['avgScore', 'passRate'] });
    expect(text).toContain("<c:cat><c:strRef><c:f>'Class Summary'!$A$2:$A$41</c:f></c:strRef></c:cat>");
    expect(text).toContain("<c:val><c:numRef><c:f>'Class Summary'!$B$2:$B$41</c:f></c:numRef></c:val>");
    expect(text).toContain("<c:val><c:numRef><c:f>'Class Summary'!$C$2:$C$41</c:f></c:numRef></c:val>");
    expect(text.match(/<c:ser>/g)).toHaveLength(2);
  });

  it('names each series by reference to its header cell', () => {
    const text = xml({ series: ['avgScore', 'passRate'] });
    expect(text).toContain("<c:tx><c:strRef><c:f>'Class Summary'!$B$1</c:f></c:strRef></c:tx>");
    expect(text).toContain("<c:tx><c:strRef><c:f>'Class Summary'!$C$1</c:f></c:strRef></c:tx>");
  });

  it('names series by their header text, and starts at row 1, without a header row', () => {
    const text = xml({}, { ...range, header: false });
    expect(text).toContain('<c:tx><c:v>Average &lt;score&gt; &amp; &quot;rank&quot;</c:v></c:tx>');
    expect(text).toContain("'Class Summary'!$B$1:$B$40");
  });

  it('keeps a valid one-cell range for an empty sheet', () => {
    expect(xml({}, { ...range, dataRows: 0 })).toContain("'Class Summary'!$B$2:$B$2");
  });

  it('escapes apostrophes in sheet names inside the reference', () => {
    expect(xml({}, { ...range, sheetName: "O'Brien's" })).toContain("<c:f>'O''Brien''s'!$B$2:$B$41</c:f>");
  });

  it('uses numRef for date categories, with their format', () => {
    const text = xml({ type: 'line', categories: 'week' });
    expect(text).toContain("<c:cat><c:numRef><c:f>'Class Summary'!$D$2:$D$41</c:f></c:numRef></c:cat>");
    expect(text).toContain('<c:numFmt formatCode="yyyy-mm-dd" sourceLinked="1"/>');
  });

  it('formats the value axis like the first series column', () => {
    expect(xml({ series: ['passRate'] })).toContain('<c:numFmt formatCode="0.00%" sourceLinked="0"/>');
    expect(xml({})).toContain('<c:numFmt formatCode="0.00" sourceLinked="0"/>');
  });

  it('writes the title, escaped, or turns the automatic title off', () => {
    expect(xml({ title: 'Scores & ranks' })).toMatch(/<c:title><c:tx><c:rich>.*<a:t>Scores &amp; ranks<\/a:t>.*<\/c:title><c:autoTitleDeleted val="0"\/>/);
    const untitled = xml({});
    expect(untitled).not.toContain('<c:title>');
    expect(untitled).toContain('<c:autoTitleDeleted val="1"/>');
  });

  it('puts axis titles on the right axes, turning the vertical one', () => {
    const column = xml({ xAxisTitle: 'Class', yAxisTitle: 'Score' });
    expect(column).toMatch(/<c:catAx>.*<c:axPos val="b"\/><c:title>.*<a:bodyPr\/>.*<a:t>Class<\/a:t>.*<\/c:catAx>/);
    expect(column).toMatch(/<c:valAx>.*<c:axPos val="l"\/>.*<a:bodyPr rot="-5400000" vert="horz"\/>.*<a:t>Score<\/a:t>.*<\/c:valAx>/);
    const bar = xml({ type: 'bar', xAxisTitle: 'Class', yAxisTitle: 'Score' });
    expect(bar).toMatch(/<c:catAx>.*<c:axPos val="l"\/><c:title>.*<a:bodyPr rot="-5400000" vert="horz"\/>.*<a:t>Class<\/a:t>.*<\/c:catAx>/);
    expect(bar).toMatch(/<c:valAx>.*<c:axPos val="b"\/>.*<a:bodyPr\/>.*<a:t>Score<\/a:t>.*<\/c:valAx>/);
  });

  it('lists a bar chart’s categories top-down, with the value axis kept at the bottom', () => {
    const bar = xml({ type: 'bar' });
    expect(bar).toMatch(/<c:catAx><c:axId val="\d+"\/><c:scaling><c:orientation val="maxMin"\/>/);
    expect(bar).toMatch(/<c:valAx>.*<c:crosses val="max"\/>.*<\/c:valAx>/);
    const column = xml({});
    expect(column).toMatch(/<c:catAx><c:axId val="\d+"\/><c:scaling><c:orientation val="minMax"\/>/);
    expect(column).not.toContain('<c:crosses val="max"/>');
  });

  it.each([
    ['right', 'r'],
    ['left', 'l'],
    ['top', 't'],
    ['bottom', 'b'],
  ] as const)('puts the legend %s', (legend, pos) => {
    expect(xml({ legend })).toContain(`<c:legend><c:legendPos val="${pos}"/>`);
  });

  it('leaves the legend out when it is off', () => {
    expect(xml({ legend: false })).not.toContain('<c:legend>');
  });

  it('refuses titles with characters XML cannot hold, which a chart has no escape for', () => {
    expect(() => xml({ title: 'a\u0001b\uFFFEc' })).toThrow(/charts\[0\]\.title/);
  });

  it('names its colours, since the workbook has no theme part', () => {
    const bars = xml({ series: ['avgScore', 'passRate'] });
    expect(bars).toContain('<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>');
    expect(bars).toContain('<c:spPr><a:solidFill><a:srgbClr val="ED7D31"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>');
    expect(xml({ type: 'line' })).toMatch(/<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="4472C4"\/>/);
  });

  it('colours each pie slice, up to 255', () => {
    expect(xml({ type: 'pie' }).match(/<c:dPt>/g)).toHaveLength(40);
    expect(xml({ type: 'pie' }, { ...range, dataRows: 0 }).match(/<c:dPt>/g)).toHaveLength(1);
    expect(xml({ type: 'pie' }, { ...range, dataRows: 10_000 }).match(/<c:dPt>/g)).toHaveLength(255);
  });

  it('gives the same bytes for the same chart', () => {
    expect(xml({ type: 'line', series: ['avgScore', 'passRate'], title: 'T' })).toBe(xml({ type: 'line', series: ['avgScore', 'passRate'], title: 'T' }));
  });
});

/** True when every opened element is closed in order (a parse-free structure check). */
function balanced(text: string): boolean {
  const stack: string[] = [];
  for (const [, close, name, self] of text.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    if (self) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0;
}
