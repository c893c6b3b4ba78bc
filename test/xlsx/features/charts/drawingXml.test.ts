import { describe, expect, it } from 'vitest';
import { EMU_PER_PIXEL, drawingRelsXml, drawingXml } from '../../../../src/xlsx/features/charts/drawingXml.js';

describe('drawingXml', () => {
  const text = drawingXml([
    { from: { col: 7, row: 1 }, size: { width: 480, height: 288 }, title: undefined },
    { from: { col: 2, row: 30 }, size: { width: 100.4, height: 50 }, title: 'x' },
  ]);

  it('anchors each chart at its cell with its size in EMU', () => {
    expect(text).toContain('<xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>');
    expect(text).toContain(`<xdr:ext cx="${480 * EMU_PER_PIXEL}" cy="${288 * EMU_PER_PIXEL}"/>`);
    expect(text).toContain(`<xdr:ext cx="${Math.round(100.4 * EMU_PER_PIXEL)}" cy="${50 * EMU_PER_PIXEL}"/>`);
    expect(text.match(/<xdr:oneCellAnchor>/g)).toHaveLength(2);
  });

  it('links chart i to rId{i+1} with unique shape ids', () => {
    expect(text).toContain('<xdr:cNvPr id="2" name="Chart 1"/>');
    expect(text).toContain('<xdr:cNvPr id="3" name="Chart 2"/>');
    expect(text).toContain('r:id="rId1"/>');
    expect(text).toContain('r:id="rId2"/>');
  });
});

describe('drawingRelsXml', () => {
  it('points each rId at its chart part', () => {
    const text = drawingRelsXml([3, 4]);
    expect(text).toContain('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart3.xml"/>');
    expect(text).toContain('Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart4.xml"/>');
  });
});
