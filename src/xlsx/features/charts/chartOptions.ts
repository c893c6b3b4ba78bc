import { invalidOption } from '../../../errors.js';
import type { ColumnPlan } from '../../settings/sheetSettings.js';
import { MAX_SHEET_COLUMNS, MAX_SHEET_ROWS_FOR_CHARTS, parseCellRef } from '../../xml/cellRef.js';
import { isXmlText } from '../../xml/xmlText.js';
import { optionKeys, ownOptions } from '../../../base/optionKeys.js';

/** Chart kinds: `'column'` (vertical bars), `'bar'` (horizontal bars), `'line'`, `'pie'`. */
export type ChartType = 'column' | 'bar' | 'line' | 'pie';

/** Where the legend goes. */
export type ChartLegendPosition = 'right' | 'left' | 'top' | 'bottom';

/** A chart's size in pixels (at 96 dpi, as Excel measures on screen). */
export interface ChartSize {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/**
 * A native Excel chart drawn over the sheet's own cells. The chart's cell ranges are known only
 * once the last row is written, so its parts are added after the rows: streaming is kept.
 * @example
 * { type: 'column', title: 'Average score', categories: 'className', series: ['avgScore'] }
 */
export interface ChartSpec {
  /** `'column'` (vertical bars), `'bar'` (horizontal bars), `'line'` or `'pie'`. */
  readonly type: ChartType;
  /** Title above the chart. @default no title */
  readonly title?: string | undefined;
  /** Key of the column whose cells label the points (the category axis, or the pie's slices). */
  readonly categories: string;
  /**
   * The columns to plot, one series each, named by the column's header: a key, or
   * `{ key, color }` to choose the series' colour. A pie takes exactly one.
   */
  readonly series: readonly (string | ChartSeries)[];
  /** Top-left cell of the chart, e.g. `'H2'`. @default two columns right of the data, row 2; further charts below the first; kept inside the sheet */
  readonly anchor?: string | undefined;
  /** Width and height in pixels. @default { width: 480, height: 288 } */
  readonly size?: ChartSize | undefined;
  /** Title of the value axis (vertical for column and line charts, horizontal for bar charts). Not for pies. */
  readonly yAxisTitle?: string | undefined;
  /** Title of the category axis (horizontal for column and line charts, vertical for bar charts). Not for pies. */
  readonly xAxisTitle?: string | undefined;
  /** Legend position, or `false` for none. @default 'right', or `false` for a bar, column or line chart with one series */
  readonly legend?: ChartLegendPosition | false | undefined;
  /**
   * The value axis's scale and labels (vertical for column and line charts, horizontal for bar
   * charts): `{ min: 0 }` keeps bars from exaggerating small differences. Not for pies.
   * @default chosen by the reader from the data, labels in the first series column's format
   */
  readonly valueAxis?: ChartValueAxis | undefined;
  /**
   * Each point's value written on it: `true`, or `{ numFmt }` for its format.
   * @default false
   */
  readonly dataLabels?: boolean | ChartDataLabels | undefined;
}

/**
 * One series of a chart with its own colour.
 * @example { key: 'avgScore', color: '#2E75B6' }
 */
export interface ChartSeries {
  /** Key of the column to plot. */
  readonly key: string;
  /** The series' colour, `'#RRGGBB'` (bars, or a line and its markers). Not for pies, whose slices take the palette. @default the next colour of the palette */
  readonly color?: string | undefined;
}

/**
 * The scale and labels of a chart's value axis.
 * @example { min: 0, max: 100, majorUnit: 25, numFmt: '0' }
 */
export interface ChartValueAxis {
  /** The axis's lowest value. @default chosen by the reader (which may not be 0) */
  readonly min?: number | undefined;
  /** The axis's highest value. @default chosen by the reader */
  readonly max?: number | undefined;
  /** The step between gridlines and labels, above 0. @default chosen by the reader */
  readonly majorUnit?: number | undefined;
  /** Number format of the axis labels (`'0'`, `'0%'`, `'#,##0'`). @default the first series column's cell format */
  readonly numFmt?: string | undefined;
}

/**
 * Data labels: each point's value on the chart.
 * @example { numFmt: '0.0' }
 */
export interface ChartDataLabels {
  /** Number format of the labels. @default the format of the series' cells */
  readonly numFmt?: string | undefined;
}

/** Chart types, for checks and messages. */
export const CHART_TYPES: readonly ChartType[] = ['column', 'bar', 'line', 'pie'];
const LEGEND_POSITIONS: readonly ChartLegendPosition[] = ['right', 'left', 'top', 'bottom'];
/** Default chart size in pixels: Excel's own default chart is 480 × 288. */
export const DEFAULT_CHART_SIZE: ChartSize = { width: 480, height: 288 };
/** Largest chart side we accept, in pixels (a 4K screen is 3840 wide). */
const MAX_CHART_PIXELS = 10_000;

/** A {@link ChartSpec} checked and defaulted, before it meets the sheet's columns. */
export interface NormalisedChart {
  readonly type: ChartType;
  readonly title: string | undefined;
  readonly categories: string;
  readonly series: readonly string[];
  /** 0-based top-left cell, or undefined for the default place. */
  readonly anchor: { readonly col: number; readonly row: number } | undefined;
  readonly size: ChartSize;
  readonly yAxisTitle: string | undefined;
  readonly xAxisTitle: string | undefined;
  readonly legend: ChartLegendPosition | false;
  /** Each series' colour (`RRGGBB`), by position in `series`; undefined for the palette's. */
  readonly seriesColors: readonly (string | undefined)[];
  /** The value axis as given, numbers checked; undefined for the reader's own. */
  readonly valueAxis: ChartValueAxis | undefined;
  /** Data labels, or undefined for none. */
  readonly dataLabels: ChartDataLabels | undefined;
  /** The option path for messages: `charts[0]`, `sheets[1].charts[0]`. */
  readonly option: string;
}

/** What a chart needs to know about a sheet column: its key, header, type and cell formats. */
export type ChartColumn = Pick<ColumnPlan, 'key' | 'header' | 'type' | 'kind' | 'numberNumFmt' | 'dateNumFmt'>;

/** A chart bound to the sheet's columns: positions instead of keys. */
export interface BoundChart extends NormalisedChart {
  /** 0-based column of the categories. */
  readonly categoryCol: number;
  /** Categories are numbers or `date` dates (`numRef`), else text (`strRef`, `datetime` too). */
  readonly numericCategories: boolean;
  /** Number format of the category cells, when numeric. */
  readonly categoryFormat: string | undefined;
  /** One entry per series: 0-based column and header text. */
  readonly seriesColumns: readonly { readonly col: number; readonly header: string }[];
  /** Number format of the value axis, from the first series column; undefined for General. */
  readonly valueFormat: string | undefined;
  /** 0-based top-left cell, defaulted. */
  readonly from: { readonly col: number; readonly row: number };
}

/**
 * Checks and defaults the `charts` option once, at call time.
 * @param charts - The `charts` option as given.
 * @param option - Its path for messages: `'charts'` or `'sheets[1].charts'`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` for an unknown type, a pie with several series,
 *   a missing or empty `series`, a bad anchor, size, title or legend.
 */
export function normaliseCharts(charts: unknown, option = 'charts'): NormalisedChart[] {
  if (charts === undefined) return [];
  if (!Array.isArray(charts)) throw invalidOption(option, 'an array of chart objects', charts);
  return charts.map((spec: unknown, i) => normaliseChart(spec, `${option}[${i}]`));
}

/**
 * Binds charts to the sheet's columns, once they are known (at call time when `columns` is given,
 * else from the first row). Charts without an `anchor` are placed two columns right of the data,
 * from row 2 down, one under the other, and always inside the sheet: on a sheet too wide for that,
 * they start where they still fit left of its last column (readers drop a chart anchored past it).
 * @param charts - From {@link normaliseCharts}.
 * @param columns - The sheet's columns, in order; axes take the format of their cells.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the chart option for a key that is not a
 *   column, or a series column of type `'string'` or `'boolean'`.
 */
export function bindCharts(charts: readonly NormalisedChart[], columns: readonly ChartColumn[]): BoundChart[] {
  let nextRow = 1; // default charts stack from row 2 down
  const firstFreeCol = columns.length + 1; // one empty column between the data and the chart
  return charts.map((chart) => {
    const find = (key: string, name: string): number => {
      const col = columns.findIndex((c) => c.key === key);
      if (col >= 0) return col;
      const byHeader = columns.find((c) => c.header === key);
      const hint = byHeader
        ? `Did you mean the key ${JSON.stringify(byHeader.key)} (header ${JSON.stringify(byHeader.header)})?`
        : `The columns are ${columns.map((c) => JSON.stringify(c.key)).join(', ') || '(none)'}`;
      throw invalidOption(name, 'the key of one of the sheet\u2019s columns', key, hint);
    };
    const categoryCol = find(chart.categories, `${chart.option}.categories`);
    const seriesColumns = chart.series.map((key, s) => {
      const col = find(key, `${chart.option}.series[${s}]`);
      const column = columns[col]!;
      if (column.type === 'string' || column.type === 'boolean') {
        throw invalidOption(`${chart.option}.series[${s}]`, 'a column of numbers', key, `Column ${JSON.stringify(key)} has type '${column.type}'`);
      }
      return { col, header: column.header };
    });
    const categoryColumn = columns[categoryCol]!;
    // A date axis counts whole days: `datetime` categories on it would fall on one point per day,
    // so they are text (one category per row, shown in the column's format).
    const numericCategories = categoryColumn.kind === 'number' || (categoryColumn.kind === 'date' && categoryColumn.type !== 'datetime');
    const firstSeries = columns[seriesColumns[0]!.col]!;
    let from = chart.anchor;
    if (from === undefined) {
      const cols = Math.ceil(chart.size.width / DEFAULT_COLUMN_PIXELS);
      const rows = Math.ceil(chart.size.height / DEFAULT_ROW_PIXELS);
      from = { col: Math.max(0, Math.min(firstFreeCol, MAX_SHEET_COLUMNS - cols)), row: Math.max(0, Math.min(nextRow, MAX_SHEET_ROWS_FOR_CHARTS - rows)) };
      nextRow += rows + 1;
    }
    return {
      ...chart,
      categoryCol,
      numericCategories,
      categoryFormat: numericCategories ? cellFormat(categoryColumn) : undefined,
      seriesColumns,
      valueFormat: cellFormat(firstSeries),
      from,
    };
  });
}

// --- internal ---

/** The keys of a chart; see `ownOptions`. */
const CHART_KEYS = optionKeys<ChartSpec>({
  type: true,
  categories: true,
  series: true,
  title: true,
  anchor: true,
  size: true,
  xAxisTitle: true,
  yAxisTitle: true,
  legend: true,
  valueAxis: true,
  dataLabels: true,
});

const SERIES_KEYS = optionKeys<ChartSeries>({ key: true, color: true });
const VALUE_AXIS_KEYS = optionKeys<ChartValueAxis>({ min: true, max: true, majorUnit: true, numFmt: true });
const DATA_LABEL_KEYS = optionKeys<ChartDataLabels>({ numFmt: true });

/** The keys of a chart `size`; see `ownOptions`. */
const CHART_SIZE_KEYS = optionKeys<ChartSize>({ width: true, height: true });

/** The format a column's cells show: dates for a date column, else numbers (undefined for General). */
function cellFormat(column: ChartColumn): string | undefined {
  return column.kind === 'date' ? column.dateNumFmt : column.numberNumFmt;
}

/** Excel's default row height, 15 points, in pixels. */
const DEFAULT_ROW_PIXELS = 20;
/** Excel's default column width, 8.43 characters of Calibri 11, in pixels. */
const DEFAULT_COLUMN_PIXELS = 64;

function normaliseChart(spec: unknown, option: string): NormalisedChart {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw invalidOption(option, 'a chart object', spec);
  const {
    type,
    title,
    categories,
    series,
    anchor,
    size: givenSize = DEFAULT_CHART_SIZE,
    yAxisTitle,
    xAxisTitle,
    legend,
    valueAxis,
    dataLabels,
  } = ownOptions(spec as Partial<ChartSpec>, CHART_KEYS, `${option}.`);
  const size = givenSize !== null && typeof givenSize === 'object' ? ownOptions(givenSize, CHART_SIZE_KEYS, `${option}.size.`) : givenSize;
  if (!CHART_TYPES.includes(type as ChartType)) {
    const hint =
      typeof type === 'string' && /^(?:bars?|columns?|lines?|pies?)$/i.test(type) ? `Did you mean '${type.toLowerCase().replace(/s$/, '')}'?` : undefined;
    throw invalidOption(`${option}.type`, CHART_TYPES.map((t) => `'${t}'`).join(', '), type, hint);
  }
  checkText(`${option}.title`, title);
  checkText(`${option}.yAxisTitle`, yAxisTitle);
  checkText(`${option}.xAxisTitle`, xAxisTitle);
  if (typeof categories !== 'string' || categories === '') throw invalidOption(`${option}.categories`, 'a column key', categories);
  if (!Array.isArray(series) || series.length === 0) {
    const hint = typeof series === 'string' ? `Write series: [${JSON.stringify(series)}]` : undefined;
    throw invalidOption(`${option}.series`, 'a non-empty array of column keys', series, hint);
  }
  const { keys, colors } = normaliseSeries(series, `${option}.series`, type === 'pie');
  if (type === 'pie') {
    if (valueAxis !== undefined) throw invalidOption(`${option}.valueAxis`, 'no value axis on a pie chart (a pie has no axes)', valueAxis);
    if (series.length > 1)
      throw invalidOption(`${option}.series`, 'exactly one column key for a pie chart', series, `Got ${series.length}; draw one pie per series`);
    if (yAxisTitle !== undefined || xAxisTitle !== undefined) {
      throw invalidOption(
        `${option}.${yAxisTitle !== undefined ? 'yAxisTitle' : 'xAxisTitle'}`,
        'no axis title on a pie chart (a pie has no axes)',
        yAxisTitle ?? xAxisTitle,
      );
    }
  }
  let from: NormalisedChart['anchor'];
  if (anchor !== undefined) {
    from = typeof anchor === 'string' ? parseCellRef(anchor) : undefined;
    if (!from) throw invalidOption(`${option}.anchor`, "a cell reference such as 'H2'", anchor);
  }
  if (size === null || typeof size !== 'object' || !isPixels(size.width) || !isPixels(size.height)) {
    throw invalidOption(`${option}.size`, `{ width, height } in pixels, each from 1 to ${MAX_CHART_PIXELS}`, size);
  }
  if (legend !== undefined && legend !== false && !LEGEND_POSITIONS.includes(legend)) {
    throw invalidOption(`${option}.legend`, `${LEGEND_POSITIONS.map((p) => `'${p}'`).join(', ')} or false`, legend);
  }
  return {
    type,
    title,
    categories,
    series: keys,
    seriesColors: colors,
    valueAxis: normaliseValueAxis(valueAxis, `${option}.valueAxis`),
    dataLabels: normaliseDataLabels(dataLabels, `${option}.dataLabels`),
    anchor: from,
    size: { width: size.width, height: size.height },
    yAxisTitle,
    xAxisTitle,
    legend: legend ?? (type !== 'pie' && series.length === 1 ? false : 'right'),
    option,
  } as NormalisedChart;
}

function checkText(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || value.length > 255 || !isXmlText(value))) {
    throw invalidOption(name, 'a string of at most 255 characters, without control characters (but TAB, LF, CR) or lone surrogates', value);
  }
}

function isPixels(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 && value <= MAX_CHART_PIXELS;
}

/** The series' keys and colours (`RRGGBB`, undefined for the palette's). */
function normaliseSeries(series: readonly unknown[], option: string, pie: boolean): { keys: string[]; colors: (string | undefined)[] } {
  const keys: string[] = [];
  const colors: (string | undefined)[] = [];
  series.forEach((entry: unknown, s) => {
    const where = `${option}[${s}]`;
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      const { key, color } = ownOptions(entry as ChartSeries, SERIES_KEYS, `${where}.`);
      if (typeof key !== 'string' || key === '') throw invalidOption(`${where}.key`, 'a column key', key);
      if (color !== undefined && pie) throw invalidOption(`${where}.color`, 'no series colour on a pie chart (its slices take the palette)', color);
      if (color !== undefined && (typeof color !== 'string' || !/^#[0-9A-Fa-f]{6}$/.test(color))) {
        const hint = typeof color === 'string' && /^[0-9A-Fa-f]{6}$/.test(color) ? `Write '#${color}'` : undefined;
        throw invalidOption(`${where}.color`, "a colour '#RRGGBB'", color, hint);
      }
      keys.push(key);
      colors.push(color?.slice(1).toUpperCase());
      return;
    }
    if (typeof entry !== 'string' || entry === '') throw invalidOption(where, 'a column key or { key, color }', entry);
    keys.push(entry);
    colors.push(undefined);
  });
  return { keys, colors };
}

function normaliseValueAxis(axis: unknown, option: string): ChartValueAxis | undefined {
  if (axis === undefined) return undefined;
  const { min, max, majorUnit, numFmt } = ownOptions(axis as ChartValueAxis, VALUE_AXIS_KEYS, `${option}.`);
  for (const [name, value] of [
    ['min', min],
    ['max', max],
  ] as const) {
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) throw invalidOption(`${option}.${name}`, 'a finite number', value);
  }
  if (min !== undefined && max !== undefined && !(min < max)) throw invalidOption(`${option}.max`, `a number above min (${min})`, max);
  if (majorUnit !== undefined && !(typeof majorUnit === 'number' && Number.isFinite(majorUnit) && majorUnit > 0)) {
    throw invalidOption(`${option}.majorUnit`, 'a number above 0', majorUnit);
  }
  checkFormat(`${option}.numFmt`, numFmt);
  return { min, max, majorUnit, numFmt };
}

function normaliseDataLabels(labels: unknown, option: string): ChartDataLabels | undefined {
  if (labels === undefined || labels === false) return undefined;
  if (labels === true) return { numFmt: undefined };
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) throw invalidOption(option, 'true, false or { numFmt }', labels);
  const { numFmt } = ownOptions(labels as ChartDataLabels, DATA_LABEL_KEYS, `${option}.`);
  checkFormat(`${option}.numFmt`, numFmt);
  return { numFmt };
}

function checkFormat(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || value === '' || value.length > 255 || !isXmlText(value))) {
    throw invalidOption(name, "a number format such as '0' or '#,##0.00' (at most 255 characters, without control characters or lone surrogates)", value);
  }
}
