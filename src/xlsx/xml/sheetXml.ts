import { XML_DECLARATION, escapeCellText, needsPreserve } from './xmlText.js';
import { columnLetters } from './cellRef.js';

/** Rows of one sheet, the header included (Excel's limit). */
export const MAX_SHEET_ROWS = 1_048_576;

/** What the start of a sheet part depends on. */
export interface SheetHead {
  readonly selected: boolean;
  /** Rows frozen at the top (the header row and the rows above it); 0 for none. */
  readonly frozenRows: number;
  readonly widths: readonly (number | undefined)[];
  /** Children of `<sheetPr>`, '' for none. */
  readonly sheetPr: string;
  /** Extra attributes of each column's `<col>`, from the features. */
  readonly colAttributes?: readonly (string | undefined)[] | undefined;
}

/** The sheet part up to and including `<sheetData>`. */
export function sheetHead({ selected, frozenRows, widths, sheetPr, colAttributes = [] }: SheetHead): string {
  const top = `A${frozenRows + 1}`;
  const pane =
    frozenRows > 0
      ? `<pane ySplit="${frozenRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/>`
      : '';
  let cols = '';
  for (let c = 0; c < Math.max(widths.length, colAttributes.length); c++) {
    const width = widths[c];
    const extra = colAttributes[c];
    if (width !== undefined) cols += `<col min="${c + 1}" max="${c + 1}" width="${round(width)}" customWidth="1"${extra ?? ''}/>`;
    else if (extra !== undefined) cols += `<col min="${c + 1}" max="${c + 1}" width="${DEFAULT_WIDTH}"${extra}/>`;
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

/**
 * The header row: inline strings in the header style.
 * @param headers - The header texts, already cut to Excel's cell limit.
 * @param row - 1-based row number (1 unless rows are written above it).
 */
export function headerRow(headers: readonly string[], style: number, row = 1): string {
  const s = style === 0 ? '' : ` s="${style}"`;
  let xml = `<row r="${row}">`;
  for (let c = 0; c < headers.length; c++) {
    xml += inlineStringCell(`${columnLetters(c)}${row}`, s, (headers[c] as string).toWellFormed());
  }
  return `${xml}</row>`;
}

/**
 * One inline-string cell, `<c t="inlineStr">`, with `xml:space="preserve"` where its text needs it.
 * @param ref - Its address (`B7`).
 * @param style - Its style attribute, ` s="3"`, or `''` for none.
 * @param text - Its text, without lone surrogates (see `cellText`).
 */
export function inlineStringCell(ref: string, style: string, text: string): string {
  return `<c r="${ref}"${style} t="inlineStr"><is>${needsPreserve(text) ? '<t xml:space="preserve">' : '<t>'}${escapeCellText(text)}</t></is></c>`;
}

/**
 * The end of a sheet part in pieces: `</sheetData>`, then the features' tail (in schema order, in
 * pieces, see `SheetTailXml`), then `</worksheet>`.
 * @example sheetEnd(['<pageSetup/>']) //=> ['</sheetData><pageSetup/></worksheet>']
 */
export function sheetEnd(tail: readonly string[]): string[] {
  const pieces = tail.length > 0 ? [...tail] : [''];
  pieces[0] = `</sheetData>${pieces[0]}`;
  pieces[pieces.length - 1] += '</worksheet>';
  return pieces;
}

/** Width Excel gives a column without `<col>` (Calibri 11). */
export const DEFAULT_WIDTH = 8.43;

// --- internal ---

function round(width: number): number {
  return Math.round(width * 256) / 256;
}
