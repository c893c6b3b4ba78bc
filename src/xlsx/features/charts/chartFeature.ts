import type { WorkbookFeature } from '../../seam/feature.js';
import { type ChartSpec, bindCharts, normaliseCharts } from './chartOptions.js';
import { chartXml } from './chartXml.js';
import { CHART_REL_TYPE, chartAnchorXml } from './drawingXml.js';

/** Content type of a chart part. */
export const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

/** The options a sheet's charts come from. */
export interface ChartSheetOptions {
  /** Native Excel charts over the sheet's cells; see {@link ChartSpec}. @default [] */
  readonly charts?: readonly ChartSpec[] | undefined;
}

/**
 * The charts feature. Checks `charts` at call time, and against `columns` too when they are
 * given; without `columns` the keys are checked against the first row's keys, before the sheet's
 * first byte, and a bad key then fails the stream (an empty source without `columns` has no
 * columns, and then no chart). Axis formats are the columns' own cell formats.
 * Charts cover the data rows of the sheet's first part (a sheet continued past the row limit on
 * `Name (2)` keeps its charts on the first part, over the rows there).
 */
export const chartsFeature: WorkbookFeature<ChartSheetOptions> = {
  name: 'charts',
  resolve(options, settings) {
    const charts = normaliseCharts(options.charts, `${settings.where}charts`);
    if (charts.length === 0) return undefined;
    if (settings.columns) bindCharts(charts, settings.columns);
    return {
      name: 'charts',
      start(sheet) {
        // An empty source without `columns` has no columns at all: nothing to chart, and no error.
        if (sheet.columns.length === 0) return {};
        const bound = bindCharts(charts, sheet.columns);
        return {
          tail(part) {
            if (part.part !== 1) return {};
            const numbers = bound.map(() => part.nextNumber('chart'));
            const range = {
              sheetName: part.sheetName,
              header: sheet.header,
              headerRow: sheet.headerRow,
              dataRows: Math.max(0, part.lastRow - sheet.firstDataRow + 1),
            };
            bound.forEach((chart, i) => {
              part.addPart(`xl/charts/chart${numbers[i]}.xml`, chartXml(chart, range), CHART_CONTENT_TYPE);
            });
            bound.forEach((chart, i) => {
              const relationshipId = part.drawing.addRelationship(CHART_REL_TYPE, `../charts/chart${numbers[i]}.xml`);
              part.drawing.addAnchor((objectId) => chartAnchorXml(chart, objectId, i + 1, relationshipId));
            });
            return {};
          },
        };
      },
    };
  },
};
