import type { BoundChart } from './chartOptions.js';

/** English Metric Units per pixel at 96 dpi (914,400 EMU an inch). */
export const EMU_PER_PIXEL = 9525;

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** Relationship type from a drawing to a chart part. */
export const CHART_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';

/**
 * One chart's anchor in the sheet's drawing part: an `xdr:oneCellAnchor` at the chart's top-left
 * cell with its size in EMU, so the size never depends on column widths.
 * @param chart - Where the chart goes and how big it is.
 * @param objectId - The drawing object id (unique in the drawing part).
 * @param number - The chart's 1-based number on its sheet (`Chart 2`).
 * @param relationshipId - The drawing's relationship to the chart part.
 */
export function chartAnchorXml(chart: Pick<BoundChart, 'from' | 'size'>, objectId: number, number: number, relationshipId: string): string {
  const cx = Math.round(chart.size.width * EMU_PER_PIXEL);
  const cy = Math.round(chart.size.height * EMU_PER_PIXEL);
  return (
    `<xdr:oneCellAnchor><xdr:from><xdr:col>${chart.from.col}</xdr:col><xdr:colOff>0</xdr:colOff>` +
    `<xdr:row>${chart.from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="${cx}" cy="${cy}"/>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${objectId}" name="Chart ${number}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${relationshipId}"/></a:graphicData></a:graphic>` +
    '</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>'
  );
}
