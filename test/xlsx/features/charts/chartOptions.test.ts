import { describe, expect, it } from 'vitest';
import { planColumn } from '../../../../src/xlsx/settings/sheetSettings.js';
import { type ChartColumn, bindCharts, normaliseCharts } from '../../../../src/xlsx/features/charts/chartOptions.js';

const invalid = (option?: string) =>
  expect.objectContaining({ name: 'RowportError', code: 'ROWPORT_INVALID_OPTION', ...(option ? { message: expect.stringContaining(`\`${option}\``) } : {}) });

const columns: ChartColumn[] = [
  planColumn('className', 'Class', 'string', undefined, undefined, 'iso'),
  planColumn('avgScore', 'Average score', 'decimal', undefined, undefined, 'iso'),
  planColumn('passRate', 'Pass rate', 'percent', undefined, undefined, 'iso'),
  planColumn('students', 'Students', undefined, '#,##0', undefined, 'iso'),
  planColumn('week', 'Week', 'date', undefined, undefined, 'iso'),
  planColumn('active', 'Active', 'boolean', undefined, undefined, 'iso'),
];

describe('normaliseCharts', () => {
  it('is empty without charts', () => {
    expect(normaliseCharts(undefined)).toEqual([]);
  });

  it('defaults size, legend and anchor', () => {
    const [chart] = normaliseCharts([{ type: 'column', categories: 'className', series: ['avgScore'] }]);
    expect(chart).toMatchObject({ type: 'column', size: { width: 480, height: 288 }, anchor: undefined, legend: false, title: undefined, option: 'charts[0]' });
  });

  it('shows a legend on the right for several series and for pies', () => {
    const [many, pie] = normaliseCharts([
      { type: 'line', categories: 'week', series: ['avgScore', 'passRate'] },
      { type: 'pie', categories: 'className', series: ['students'] },
    ]);
    expect(many!.legend).toBe('right');
    expect(pie!.legend).toBe('right');
  });

  it('keeps an explicit legend, anchor and size', () => {
    const [chart] = normaliseCharts([
      { type: 'bar', categories: 'className', series: ['avgScore'], legend: 'bottom', anchor: '$J$5', size: { width: 640, height: 400 } },
    ]);
    expect(chart).toMatchObject({ legend: 'bottom', anchor: { col: 9, row: 4 }, size: { width: 640, height: 400 } });
  });

  it('does not keep a reference to the caller’s objects', () => {
    const series = ['avgScore'];
    const [chart] = normaliseCharts([{ type: 'column', categories: 'className', series }]);
    series.push('passRate');
    expect(chart!.series).toEqual(['avgScore']);
  });

  describe('rejects', () => {
    it.each([null, {}, 'column', 1])('charts = %j', (charts) => {
      expect(() => normaliseCharts(charts)).toThrow(invalid('charts'));
    });
    it.each([null, 'column', [], 1])('a chart that is %j', (chart) => {
      expect(() => normaliseCharts([chart])).toThrow(invalid('charts[0]'));
    });
    it.each(['area', 'Column', undefined, 1, 'columns'])('type %j', (type) => {
      expect(() => normaliseCharts([{ type, categories: 'a', series: ['b'] }])).toThrow(invalid('charts[0].type'));
    });
    it('a pie with several series', () => {
      expect(() => normaliseCharts([{ type: 'pie', categories: 'a', series: ['b', 'c'] }])).toThrow(invalid('charts[0].series'));
    });
    it('axis titles on a pie', () => {
      expect(() => normaliseCharts([{ type: 'pie', categories: 'a', series: ['b'], yAxisTitle: 'y' }])).toThrow(invalid('charts[0].yAxisTitle'));
      expect(() => normaliseCharts([{ type: 'pie', categories: 'a', series: ['b'], xAxisTitle: 'x' }])).toThrow(invalid('charts[0].xAxisTitle'));
    });
    it.each([undefined, [], 'b', [''], [1]])('series %j', (series) => {
      expect(() => normaliseCharts([{ type: 'line', categories: 'a', series }])).toThrow(invalid());
    });
    it.each([undefined, '', 3])('categories %j', (categories) => {
      expect(() => normaliseCharts([{ type: 'line', categories, series: ['b'] }])).toThrow(invalid('charts[0].categories'));
    });
    it.each(['', 'A0', 'H', 'A1:B2', 7, 'XFE1'])('anchor %j', (anchor) => {
      expect(() => normaliseCharts([{ type: 'line', categories: 'a', series: ['b'], anchor }])).toThrow(invalid('charts[0].anchor'));
    });
    it.each([null, {}, { width: 0, height: 10 }, { width: 10, height: NaN }, { width: 10 }, { width: '480', height: 288 }, { width: 1e6, height: 10 }])(
      'size %j',
      (size) => {
        expect(() => normaliseCharts([{ type: 'line', categories: 'a', series: ['b'], size }])).toThrow(invalid('charts[0].size'));
      },
    );
    it.each(['middle', true, null, 'Right'])('legend %j', (legend) => {
      expect(() => normaliseCharts([{ type: 'line', categories: 'a', series: ['b'], legend }])).toThrow(invalid('charts[0].legend'));
    });
    it.each([
      ['title', 3],
      ['yAxisTitle', null],
      ['xAxisTitle', 'x'.repeat(256)],
    ])('%s %j', (name, value) => {
      expect(() => normaliseCharts([{ type: 'line', categories: 'a', series: ['b'], [name]: value }])).toThrow(invalid(`charts[0].${name}`));
    });
    it('with the option path it was given', () => {
      expect(() => normaliseCharts([{ type: 'x' }], 'sheets[2].charts')).toThrow(invalid('sheets[2].charts[0].type'));
    });
  });
});

describe('bindCharts', () => {
  it('finds the columns by key and takes the value format from the first series', () => {
    const [chart] = bindCharts(normaliseCharts([{ type: 'column', categories: 'className', series: ['passRate', 'avgScore'] }]), columns);
    expect(chart).toMatchObject({
      categoryCol: 0,
      numericCategories: false,
      categoryFormat: undefined,
      seriesColumns: [
        { col: 2, header: 'Pass rate' },
        { col: 1, header: 'Average score' },
      ],
      valueFormat: '0.00%',
    });
  });

  it('prefers an explicit numFmt, and leaves untyped columns General', () => {
    const [a, b] = bindCharts(
      normaliseCharts([
        { type: 'line', categories: 'className', series: ['students'] },
        { type: 'line', categories: 'className', series: ['avgScore'] },
      ]),
      [...columns, planColumn('plain', 'plain', undefined, undefined, undefined, 'iso')],
    );
    expect(a!.valueFormat).toBe('#,##0');
    expect(b!.valueFormat).toBe('0.00');
    const [c] = bindCharts(normaliseCharts([{ type: 'line', categories: 'className', series: ['plain'] }]), [
      ...columns,
      planColumn('plain', 'plain', undefined, undefined, undefined, 'iso'),
    ]);
    expect(c!.valueFormat).toBeUndefined();
  });

  it('treats date and number categories as numbers', () => {
    const [chart] = bindCharts(normaliseCharts([{ type: 'line', categories: 'week', series: ['avgScore'] }]), columns);
    expect(chart).toMatchObject({ numericCategories: true, categoryFormat: 'yyyy-mm-dd' });
  });

  it('places charts two columns right of the data from row 2, one below the other', () => {
    const charts = bindCharts(
      normaliseCharts([
        { type: 'column', categories: 'className', series: ['avgScore'] },
        { type: 'pie', categories: 'className', series: ['students'], anchor: 'B30' },
        { type: 'line', categories: 'className', series: ['avgScore'], size: { width: 300, height: 100 } },
      ]),
      columns,
    );
    expect(charts.map((c) => c.from)).toEqual([
      { col: 7, row: 1 },
      { col: 1, row: 29 },
      { col: 7, row: 1 + Math.ceil(288 / 20) + 1 },
    ]);
  });

  describe('rejects', () => {
    it('a category key that is not a column', () => {
      expect(() => bindCharts(normaliseCharts([{ type: 'column', categories: 'Class', series: ['avgScore'] }]), columns)).toThrow(
        invalid('charts[0].categories'),
      );
    });
    it('a series key that is not a column, naming the series', () => {
      expect(() =>
        bindCharts(normaliseCharts([{ type: 'column', categories: 'className', series: ['avgScore', 'nope'] }], 'sheets[1].charts'), columns),
      ).toThrow(invalid('sheets[1].charts[0].series[1]'));
    });
    it.each(['className', 'active'])('a series over the %s column, which holds no numbers', (key) => {
      expect(() => bindCharts(normaliseCharts([{ type: 'column', categories: 'week', series: [key] }]), columns)).toThrow(invalid('charts[0].series[0]'));
    });
    it('suggests the key when a header was given', () => {
      expect(() => bindCharts(normaliseCharts([{ type: 'column', categories: 'className', series: ['Average score'] }]), columns)).toThrow(
        expect.objectContaining({ message: expect.stringContaining('"avgScore"') }),
      );
    });
  });
});
