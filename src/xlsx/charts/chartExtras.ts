import { normaliseColumns } from '../../columns/resolveColumns.js';
import type { ColumnSpec, ColumnType } from '../../types.js';
import type { SheetContext, SheetExtras } from '../extras.js';
import { TYPE_FORMATS, dateNumFmt } from '../numFmt.js';
import { type BoundChart, type ChartColumn, type ChartSpec, bindCharts, normaliseCharts } from './chartOptions.js';
import { sheetChartParts } from './chartParts.js';

/** The options a sheet's charts come from. */
export interface ChartSheetOptions {
  /** Native Excel charts over the sheet's cells; see {@link ChartSpec}. @default [] */
  readonly charts?: readonly ChartSpec[] | undefined;
}

/**
 * The charts feature of one sheet, for the extras seam. Checks `charts` at call time, and against
 * `columns` too when they are given; without `columns` the keys are checked against the first
 * row's keys, before the sheet's first byte, and a bad key then fails the stream (an empty source
 * without `columns` has no columns, and then no chart).
 * Charts cover the data rows of the sheet's first part (a sheet continued past the row limit on
 * `Name (2)` keeps its charts on the first part, over the rows there).
 * @param options - The sheet's options (`charts`, `columns`).
 * @param where - Prefix of option names in messages: `''` or `'sheets[2].'`.
 * @returns The feature, or undefined when the sheet has no charts.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION`.
 */
export function chartExtras(
  options: ChartSheetOptions & { readonly columns?: readonly ColumnSpec<never>[]; readonly dateFormat?: string },
  where: string,
): SheetExtras | undefined {
  const charts = normaliseCharts(options.charts, `${where}charts`);
  if (charts.length === 0) return undefined;
  // The value axis shows numbers as the series cells do (the writer's formats for each type).
  const dateFormat = typeof options.dateFormat === 'string' ? options.dateFormat : 'iso';
  const defaultFormat = (type: ColumnType | undefined): string | undefined =>
    type === 'integer' || type === 'decimal' || type === 'percent' ? TYPE_FORMATS[type] : type === 'date' || type === 'datetime' ? dateNumFmt(dateFormat, type) : undefined;
  const columns = normaliseColumns(options.columns as readonly ColumnSpec<unknown>[] | undefined, `${where}columns`);
  if (columns) bindCharts(charts, columns.map((c): ChartColumn => ({ key: c.key, header: c.header ?? c.key, type: c.type, numFmt: c.numFmt })), defaultFormat);
  // Bound when the sheet starts (its columns are then known) and drawn when its rows are done.
  let bound: BoundChart[] | undefined;
  return {
    head(ctx: SheetContext) {
      // An empty source without `columns` has no columns at all: nothing to chart, and no error.
      if (ctx.part === 1 && ctx.columns.length > 0) bound = bindCharts(charts, ctx.columns, defaultFormat);
      return {};
    },
    tail(ctx: SheetContext) {
      if (ctx.part !== 1 || bound === undefined) return {};
      const numbers = { drawing: ctx.nextNumber('drawing'), charts: bound.map(() => ctx.nextNumber('chart')) };
      const range = { sheetName: ctx.sheetName, header: ctx.header, dataRows: Math.max(0, ctx.lastRow - ctx.firstDataRow + 1) };
      const parts = sheetChartParts(bound, range, numbers);
      const types = new Map(parts.overrides.map((o) => [o.partName.slice(1), o.contentType]));
      for (const entry of parts.entries) ctx.addPart(entry.path, entry.xml, types.get(entry.path));
      return { drawing: parts.drawingTag(ctx.addRelationship(parts.sheetRel.type, parts.sheetRel.target)) };
    },
  };
}
