import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../../../src/index.js';
import { EMU_PER_PIXEL, chartAnchorXml } from '../../../../src/xlsx/features/charts/drawingXml.js';
import { readAll } from '../../../helpers/streams.js';
import { parts } from '../../../helpers/unzip.js';

describe('chartAnchorXml', () => {
  it('anchors a chart at its cell with its size in EMU', () => {
    const text = chartAnchorXml({ from: { col: 7, row: 1 }, size: { width: 480, height: 288 } }, 2, 1, 'rId1');
    expect(text).toContain('<xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>');
    expect(text).toContain(`<xdr:ext cx="${480 * EMU_PER_PIXEL}" cy="${288 * EMU_PER_PIXEL}"/>`);
    expect(chartAnchorXml({ from: { col: 2, row: 30 }, size: { width: 100.4, height: 50 } }, 3, 2, 'rId2')).toContain(
      `<xdr:ext cx="${Math.round(100.4 * EMU_PER_PIXEL)}" cy="${50 * EMU_PER_PIXEL}"/>`,
    );
  });
});

describe('the charts of a sheet in its drawing part', () => {
  it('numbers charts and the drawing workbook-wide, links chart i to rId{i+1} with unique object ids', async () => {
    const rows = [
      { a: 'x', b: 1 },
      { a: 'y', b: 2 },
    ];
    const zip = parts(
      await readAll(
        toXlsx(rows, {
          charts: [
            { type: 'column', categories: 'a', series: ['b'] },
            { type: 'pie', categories: 'a', series: ['b'] },
          ],
        }),
      ),
    );
    const drawing = zip['xl/drawings/drawing1.xml'] ?? '';
    expect(drawing.match(/<xdr:oneCellAnchor>/g)).toHaveLength(2);
    expect(drawing).toContain('<xdr:cNvPr id="2" name="Chart 1"/>');
    expect(drawing).toContain('<xdr:cNvPr id="3" name="Chart 2"/>');
    expect(drawing).toContain('r:id="rId1"/>');
    expect(drawing).toContain('r:id="rId2"/>');
    expect(zip['xl/drawings/_rels/drawing1.xml.rels']).toContain(
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart2.xml"/>',
    );
    expect(zip['xl/worksheets/_rels/sheet1.xml.rels']).toContain('Target="../drawings/drawing1.xml"');
    expect(zip['[Content_Types].xml']).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    );
    expect(zip['xl/worksheets/sheet1.xml']).toMatch(/<drawing r:id="rId1"\/><\/worksheet>$/);
  });
});
