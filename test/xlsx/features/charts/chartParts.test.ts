import { describe, expect, it } from 'vitest';
import { planColumn } from '../../../../src/xlsx/resolve/sheetSettings.js';
import { bindCharts, normaliseCharts } from '../../../../src/xlsx/features/charts/chartOptions.js';
import { CHART_CONTENT_TYPE, DRAWING_CONTENT_TYPE, DRAWING_REL_TYPE, sheetChartParts } from '../../../../src/xlsx/features/charts/chartParts.js';

describe('sheetChartParts', () => {
  const charts = bindCharts(
    normaliseCharts([
      { type: 'column', categories: 'a', series: ['b'] },
      { type: 'pie', categories: 'a', series: ['b'] },
    ]),
    [
      planColumn('a', 'A', undefined, undefined, undefined, 'iso'),
      planColumn('b', 'B', 'integer', undefined, undefined, 'iso'),
    ],
  );
  const parts = sheetChartParts(charts, { sheetName: 'S', header: true, dataRows: 3 }, { drawing: 2, charts: [5, 6] });

  it('numbers charts and the drawing from the workbook-wide numbers', () => {
    expect(parts.entries.map((e) => e.path)).toEqual(['xl/charts/chart5.xml', 'xl/charts/chart6.xml', 'xl/drawings/drawing2.xml', 'xl/drawings/_rels/drawing2.xml.rels']);
    expect(parts.entries[3]!.xml).toContain('Target="../charts/chart6.xml"');
  });

  it('lists the content types and the sheet relationship', () => {
    expect(parts.overrides).toEqual([
      { partName: '/xl/charts/chart5.xml', contentType: CHART_CONTENT_TYPE },
      { partName: '/xl/charts/chart6.xml', contentType: CHART_CONTENT_TYPE },
      { partName: '/xl/drawings/drawing2.xml', contentType: DRAWING_CONTENT_TYPE },
    ]);
    expect(parts.sheetRel).toEqual({ type: DRAWING_REL_TYPE, target: '../drawings/drawing2.xml' });
    expect(parts.drawingTag('rId3')).toBe('<drawing r:id="rId3"/>');
  });
});
