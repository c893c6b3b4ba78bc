import { cellRange, columnRange } from '../../xml/cellRef.js';
import { XML_DECLARATION, xmlText } from '../../xml/xmlText.js';
import type { BoundChart, ChartValueAxis } from './chartOptions.js';

/** Where a chart's data lies on its sheet, known once the last row is written. */
export interface ChartDataRange {
  /** The sheet's final (repaired) name. */
  readonly sheetName: string;
  /** True when the sheet has a header row; series are then named by reference to it. */
  readonly header: boolean;
  /** 1-based row of the header (or where it would be without one): 1 unless rows are written above it. @default 1 */
  readonly headerRow?: number | undefined;
  /** Number of data rows written on the sheet (its first part, when it rolled over the row limit). */
  readonly dataRows: number;
}

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * The chart part (`xl/charts/chartN.xml`): a `c:chartSpace` whose series refer to the sheet's cells.
 * No cached values are written (they would cost memory per row); Excel, LibreOffice and openpyxl
 * read the cells. Axis ids are fixed, so the same chart gives the same bytes.
 * @param chart - From `bindCharts`.
 * @param range - The sheet name, header and row count.
 * @returns The part's XML text.
 * @example
 * chartXml(bound, { sheetName: 'Class Summary', header: true, dataRows: 40 })
 * //=> '<?xml …?>\n<c:chartSpace …><c:chart>…<c:val><c:numRef><c:f>'Class Summary'!$B$2:$B$41</c:f>…'
 */
export function chartXml(chart: BoundChart, range: ChartDataRange): string {
  const headerRow = range.headerRow ?? 1;
  const firstRow = range.header ? headerRow + 1 : headerRow;
  // An empty sheet still gets a valid (one empty cell) range, so the chart opens, empty.
  const lastRow = firstRow + Math.max(range.dataRows, 1) - 1;
  const ref = (col: number) => columnRange(range.sheetName, col, firstRow, lastRow);
  const cat = chart.numericCategories
    ? `<c:cat><c:numRef><c:f>${xmlText(ref(chart.categoryCol))}</c:f></c:numRef></c:cat>`
    : `<c:cat><c:strRef><c:f>${xmlText(ref(chart.categoryCol))}</c:f></c:strRef></c:cat>`;
  const labels = dataLabelsXml(chart);
  const series = chart.seriesColumns
    .map(({ col, header }, i) => {
      const name = range.header
        ? `<c:tx><c:strRef><c:f>${xmlText(cellRange(range.sheetName, col, headerRow))}</c:f></c:strRef></c:tx>`
        : `<c:tx><c:v>${xmlText(header)}</c:v></c:tx>`;
      const val = `<c:val><c:numRef><c:f>${xmlText(ref(col))}</c:f></c:numRef></c:val>`;
      const colour = chart.seriesColors[i] ?? PALETTE[i % PALETTE.length]!;
      const head = `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${name}`;
      switch (chart.type) {
        case 'line':
          return (
            `${head}<c:spPr><a:ln w="28575" cap="rnd">${fill(colour)}<a:round/></a:ln></c:spPr>` +
            `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr>${fill(colour)}<a:ln w="9525">${fill(colour)}</a:ln></c:spPr></c:marker>` +
            `${labels}${cat}${val}<c:smooth val="0"/></c:ser>`
          );
        case 'pie':
          return `${head}${slices(range.dataRows)}${labels}${cat}${val}</c:ser>`;
        default:
          return `${head}<c:spPr>${fill(colour)}</c:spPr><c:invertIfNegative val="0"/>${labels}${cat}${val}</c:ser>`;
      }
    })
    .join('');

  let plot: string;
  if (chart.type === 'pie') {
    plot = `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`;
  } else {
    const horizontal = chart.type === 'bar';
    const axes = `<c:axId val="${CAT_AX_ID}"/><c:axId val="${VAL_AX_ID}"/>`;
    plot =
      chart.type === 'line'
        ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`
        : `<c:barChart><c:barDir val="${horizontal ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="150"/>${axes}</c:barChart>`;
    plot += categoryAxis(chart, horizontal) + valueAxis(chart, horizontal);
  }

  const title =
    chart.title === undefined
      ? '<c:autoTitleDeleted val="1"/>'
      : `<c:title>${richText(chart.title, false, 1400)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  const legend = chart.legend === false ? '' : `<c:legend><c:legendPos val="${LEGEND_POS[chart.legend]}"/><c:overlay val="0"/></c:legend>`;
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    '<c:lang val="en-US"/><c:roundedCorners val="0"/>' +
    `<c:chart>${title}<c:plotArea><c:layout/>${plot}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${fill('FFFFFF')}<a:ln w="9525">${fill(LIGHT_GREY)}</a:ln></c:spPr>` +
    '</c:chartSpace>'
  );
}

// --- internal ---

/** Axis ids only need to be unique within a chart part; fixed values keep output deterministic. */
const CAT_AX_ID = 50_010_001;
const VAL_AX_ID = 50_010_002;

const LEGEND_POS = { right: 'r', left: 'l', top: 't', bottom: 'b' } as const;

/** No value axis option: each setting its own `undefined` (never read through the prototype), the reader's scale. */
const READER_AXIS: ChartValueAxis = { min: undefined, max: undefined, majorUnit: undefined, numFmt: undefined };

/**
 * Series colours: the accents of Excel's Office theme, then darker twins. Charts name their colours
 * instead of pointing at the theme, because the workbook has no theme part: a reader without one
 * (LibreOffice) would draw theme-coloured bars and slices invisible.
 */
const PALETTE = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '264478', '9E480E', '636363', '997300'];
const LIGHT_GREY = 'D9D9D9';
const AXIS_GREY = 'BFBFBF';
/** Slices coloured one by one; a pie with more points repeats Excel's automatic colours after these. */
const MAX_COLOURED_SLICES = 255;

function fill(rgb: string): string {
  return `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
}

function line(rgb: string): string {
  return `<c:spPr><a:ln w="9525">${fill(rgb)}</a:ln></c:spPr>`;
}

/** One `c:dPt` per slice, cycling the palette, with a white edge between slices. */
function slices(points: number): string {
  let xml = '';
  for (let i = 0; i < Math.min(Math.max(points, 1), MAX_COLOURED_SLICES); i++) {
    xml += `<c:dPt><c:idx val="${i}"/><c:bubble3D val="0"/><c:spPr>${fill(PALETTE[i % PALETTE.length]!)}<a:ln w="12700">${fill('FFFFFF')}</a:ln></c:spPr></c:dPt>`;
  }
  return xml;
}

function categoryAxis(chart: BoundChart, horizontal: boolean): string {
  const title = chart.xAxisTitle === undefined ? '' : `<c:title>${richText(chart.xAxisTitle, horizontal, 1000)}<c:overlay val="0"/></c:title>`;
  const numFmt = chart.categoryFormat === undefined ? '' : `<c:numFmt formatCode="${xmlText(chart.categoryFormat)}" sourceLinked="1"/>`;
  return (
    // A bar chart lists its categories top-down, in row order, as the table does (Excel's default is bottom-up).
    `<c:catAx><c:axId val="${CAT_AX_ID}"/><c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'l' : 'b'}"/>${title}${numFmt}<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${line(AXIS_GREY)}` +
    `<c:crossAx val="${VAL_AX_ID}"/><c:crosses val="autoZero"/><c:auto val="${chart.numericCategories ? 1 : 0}"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function valueAxis(chart: BoundChart, horizontal: boolean): string {
  const title = chart.yAxisTitle === undefined ? '' : `<c:title>${richText(chart.yAxisTitle, !horizontal, 1000)}<c:overlay val="0"/></c:title>`;
  const { min, max, majorUnit, numFmt: givenFormat } = chart.valueAxis ?? READER_AXIS;
  // The axis shows the format asked, else the series column's (sourceLinked="0" so every reader uses this code).
  const format = givenFormat ?? chart.valueFormat;
  const numFmt = format === undefined ? '<c:numFmt formatCode="General" sourceLinked="1"/>' : `<c:numFmt formatCode="${xmlText(format)}" sourceLinked="0"/>`;
  // CT_Scaling: orientation, then max, then min.
  const scaling = `<c:orientation val="minMax"/>${max === undefined ? '' : `<c:max val="${max}"/>`}${min === undefined ? '' : `<c:min val="${min}"/>`}`;
  return (
    `<c:valAx><c:axId val="${VAL_AX_ID}"/><c:scaling>${scaling}</c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'b' : 'l'}"/><c:majorGridlines>${line(LIGHT_GREY)}</c:majorGridlines>${title}${numFmt}<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${line(AXIS_GREY)}` +
    // With the categories reversed, the value axis crosses at the last one, so it stays at the bottom.
    `<c:crossAx val="${CAT_AX_ID}"/><c:crosses val="${horizontal ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/>` +
    `${majorUnit === undefined ? '' : `<c:majorUnit val="${majorUnit}"/>`}</c:valAx>`
  );
}

/** A series' `c:dLbls` showing each point's value (in the format asked, else its cell's), '' without labels. */
function dataLabelsXml(chart: BoundChart): string {
  if (chart.dataLabels === undefined) return '';
  const { numFmt } = chart.dataLabels;
  const format = numFmt === undefined ? '' : `<c:numFmt formatCode="${xmlText(numFmt)}" sourceLinked="0"/>`;
  return (
    `<c:dLbls>${format}<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
    '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
  );
}

/** A `c:tx` with rich text; `vertical` turns it a quarter (a title beside a vertical axis). */
function richText(text: string, vertical: boolean, size: number): string {
  const body = vertical ? '<a:bodyPr rot="-5400000" vert="horz"/>' : '<a:bodyPr/>';
  return (
    `<c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="${size}" b="1"/><a:t>${xmlText(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}
