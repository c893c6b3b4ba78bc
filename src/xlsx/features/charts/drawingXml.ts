import type { BoundChart } from './chartOptions.js';
import { XML_DECLARATION } from '../../xmlText.js';

/** English Metric Units per pixel at 96 dpi (914,400 EMU an inch). */
export const EMU_PER_PIXEL = 9525;

const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';

/**
 * The drawing part of one sheet (`xl/drawings/drawingN.xml`): one `xdr:oneCellAnchor` per chart,
 * at the chart's top-left cell with its size in EMU, so the size never depends on column widths.
 * Chart `i` refers to relationship `rId{i+1}` of the drawing's rels ({@link drawingRelsXml}).
 * @param charts - The sheet's charts, in order.
 * @returns The part's XML text.
 */
export function drawingXml(charts: readonly Pick<BoundChart, 'from' | 'size' | 'title'>[]): string {
  const anchors = charts
    .map((chart, i) => {
      const cx = Math.round(chart.size.width * EMU_PER_PIXEL);
      const cy = Math.round(chart.size.height * EMU_PER_PIXEL);
      return (
        `<xdr:oneCellAnchor><xdr:from><xdr:col>${chart.from.col}</xdr:col><xdr:colOff>0</xdr:colOff>` +
        `<xdr:row>${chart.from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="${cx}" cy="${cy}"/>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
        '</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>'
      );
    })
    .join('');
  return `${XML_DECLARATION}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors}</xdr:wsDr>`;
}

/**
 * The drawing's relationships (`xl/drawings/_rels/drawingN.xml.rels`): `rId{i+1}` → chart part.
 * @param chartNumbers - Workbook-wide numbers of the sheet's charts (`chart3.xml` → 3), in order.
 */
export function drawingRelsXml(chartNumbers: readonly number[]): string {
  const rels = chartNumbers
    .map((n, i) => `<Relationship Id="rId${i + 1}" Type="${REL_CHART}" Target="../charts/chart${n}.xml"/>`)
    .join('');
  return `${XML_DECLARATION}<Relationships xmlns="${NS_REL}">${rels}</Relationships>`;
}
