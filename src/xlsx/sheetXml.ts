import { TAIL_ELEMENTS, type SheetTail } from './extras.js';
import { XML_DECLARATION } from './styles.js';
import { escapeText, needsPreserve } from './xmlText.js';
import { columnLetters } from './cellRef.js';

/** Rows of one sheet, the header included (Excel's limit). */
export const MAX_SHEET_ROWS = 1_048_576;

/** What the start of a sheet part depends on. */
export interface SheetHead {
  readonly selected: boolean;
  readonly freezeHeader: boolean;
  readonly widths: readonly (number | undefined)[];
  readonly sheetPr: string;
}

/** The sheet part up to and including `<sheetData>`. */
export function sheetHead({ selected, freezeHeader, widths, sheetPr }: SheetHead): string {
  const pane = freezeHeader
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : '';
  let cols = '';
  for (let c = 0; c < widths.length; c++) {
    const width = widths[c];
    if (width !== undefined) cols += `<col min="${c + 1}" max="${c + 1}" width="${round(width)}" customWidth="1"/>`;
  }
  return (
    `${XML_DECLARATION}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    (sheetPr ? `<sheetPr>${sheetPr}</sheetPr>` : '') +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>'
  );
}

/** The header row (row 1): inline strings in the header style. */
export function headerRow(headers: readonly string[], style: number): string {
  const s = style === 0 ? '' : ` s="${style}"`;
  let xml = '<row r="1">';
  for (let c = 0; c < headers.length; c++) {
    const text = (headers[c] as string).toWellFormed();
    const open = needsPreserve(text) ? '<t xml:space="preserve">' : '<t>';
    xml += `<c r="${columnLetters(c)}1"${s} t="inlineStr"><is>${open}${escapeText(text)}</t></is></c>`;
  }
  return `${xml}</row>`;
}

/** The end of a sheet part: `</sheetData>`, the autofilter, the features' fragments in schema order. */
export function sheetEnd(autoFilterRef: string | undefined, tail: SheetTail): string {
  let xml = '</sheetData>';
  if (autoFilterRef !== undefined) xml += `<autoFilter ref="${autoFilterRef}"/>`;
  for (const element of TAIL_ELEMENTS) xml += tail[element] ?? '';
  return `${xml}</worksheet>`;
}

// --- internal ---

function round(width: number): number {
  return Math.round(width * 256) / 256;
}
