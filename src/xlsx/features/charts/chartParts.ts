import type { BoundChart } from './chartOptions.js';
import { type ChartDataRange, chartXml } from './chartXml.js';
import { drawingRelsXml, drawingXml } from './drawingXml.js';

/** Content type of a chart part. */
export const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
/** Content type of a drawing part. */
export const DRAWING_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
/** Relationship type from a sheet to its drawing. */
export const DRAWING_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';

/** Everything a sheet's charts add to the package. */
export interface SheetChartParts {
  /** Zip entries, in a fixed order: charts, the drawing, the drawing's rels. */
  readonly entries: readonly { readonly path: string; readonly xml: string }[];
  /** `[Content_Types].xml` overrides for the new parts. */
  readonly overrides: readonly { readonly partName: string; readonly contentType: string }[];
  /** The relationship the sheet needs (`xl/worksheets/_rels/sheetN.xml.rels`), target relative to the sheet. */
  readonly sheetRel: { readonly type: string; readonly target: string };
  /** The fragment for the sheet's tail, after `headerFooter`: `<drawing r:id="…"/>`. */
  readonly drawingTag: (relId: string) => string;
}

/**
 * The parts for one sheet's charts. Numbers are workbook-wide and given by the caller, so the same
 * workbook always numbers its parts the same way.
 * @param charts - The sheet's bound charts (non-empty).
 * @param range - Sheet name, header and data row count of the sheet (its first part).
 * @param numbers - `drawing`: this sheet's drawing number; `charts`: the number of each chart, in order.
 */
export function sheetChartParts(
  charts: readonly BoundChart[],
  range: ChartDataRange,
  numbers: { readonly drawing: number; readonly charts: readonly number[] },
): SheetChartParts {
  const chartNumbers = numbers.charts;
  const entries: { path: string; xml: string }[] = charts.map((chart, i) => ({
    path: `xl/charts/chart${chartNumbers[i]}.xml`,
    xml: chartXml(chart, range),
  }));
  entries.push({ path: `xl/drawings/drawing${numbers.drawing}.xml`, xml: drawingXml(charts) });
  entries.push({ path: `xl/drawings/_rels/drawing${numbers.drawing}.xml.rels`, xml: drawingRelsXml(chartNumbers) });
  return {
    entries,
    overrides: [
      ...chartNumbers.map((n) => ({ partName: `/xl/charts/chart${n}.xml`, contentType: CHART_CONTENT_TYPE })),
      { partName: `/xl/drawings/drawing${numbers.drawing}.xml`, contentType: DRAWING_CONTENT_TYPE },
    ],
    sheetRel: { type: DRAWING_REL_TYPE, target: `../drawings/drawing${numbers.drawing}.xml` },
    drawingTag: (relId) => `<drawing r:id="${relId}"/>`,
  };
}
