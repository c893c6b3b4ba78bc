import { xlsxNumberText } from '../../../writer/numbers.js';
import { columnLetters } from '../../xml/cellRef.js';
import { inlineStringCell } from '../../xml/sheetXml.js';
import { XML_DECLARATION, escapeXstringAttribute } from '../../xml/xmlText.js';
import { TOTAL_FUNCTIONS, type TotalFunction } from './tableOptions.js';

/** Relationship type from a sheet to its table part. */
export const TABLE_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table';
/** Content type of a table part. */
export const TABLE_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';

/** One table column: its name (= its header cell's text) and its totals-row cell. */
export interface TableColumnXml {
  readonly name: string;
  readonly total?: { readonly fn: TotalFunction } | { readonly label: string } | undefined;
}

/** Where a table lies and how it looks. */
export interface TableXmlInput {
  /** Workbook-wide table id, from 1. */
  readonly id: number;
  readonly name: string;
  readonly columns: readonly TableColumnXml[];
  /** 1-based row of the header. */
  readonly headerRow: number;
  /** 1-based last data row; a table needs one, so an empty table covers one empty row. */
  readonly lastDataRow: number;
  readonly totalsRow: boolean;
  readonly style: string | undefined;
  readonly bandedRows: boolean;
}

/**
 * The table part `xl/tables/tableN.xml` (ECMA-376 Part 1, §18.5.1.2 CT_Table): the range, the
 * filter buttons over header and data (not the totals row), the columns with their totals-row
 * function or label, and the style.
 * @example tableXml({ id: 1, name: 'Scores', columns: [{ name: 'name' }, { name: 'score' }], headerRow: 1, lastDataRow: 3, totalsRow: false, style: 'TableStyleMedium2', bandedRows: true })
 * //=> '…<table … id="1" name="Scores" displayName="Scores" ref="A1:B3" totalsRowShown="0"><autoFilter ref="A1:B3"/>…'
 */
export function tableXml(t: TableXmlInput): string {
  const last = columnLetters(t.columns.length - 1);
  const dataEnd = Math.max(t.lastDataRow, t.headerRow + 1);
  const end = t.totalsRow ? dataEnd + 1 : dataEnd;
  const columns = t.columns
    .map((c, i) => {
      const total =
        t.totalsRow && c.total ? ('fn' in c.total ? ` totalsRowFunction="${c.total.fn}"` : ` totalsRowLabel="${escapeXstringAttribute(c.total.label)}"`) : '';
      return `<tableColumn id="${i + 1}" name="${escapeXstringAttribute(c.name)}"${total}/>`;
    })
    .join('');
  return (
    `${XML_DECLARATION}<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${t.id}" name="${t.name}" displayName="${t.name}" ` +
    `ref="A${t.headerRow}:${last}${end}"${t.totalsRow ? ' totalsRowCount="1"' : ' totalsRowShown="0"'}>` +
    `<autoFilter ref="A${t.headerRow}:${last}${dataEnd}"/>` +
    `<tableColumns count="${t.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo${t.style ? ` name="${t.style}"` : ''} showFirstColumn="0" showLastColumn="0" showRowStripes="${t.bandedRows ? 1 : 0}" showColumnStripes="0"/>` +
    '</table>'
  );
}

/**
 * The totals row: a label as text, a function as `SUBTOTAL(n,range)` over the column's data rows
 * with its cached value (so readers without a calculation engine show it). The range is a plain
 * A1 range rather than a structured reference (`Scores[score]`): Excel, LibreOffice and openpyxl
 * all read it the same, and Excel still keeps it when rows are added inside the table.
 * @param values - The cached value of each function column, by column index.
 * @param styles - The `s` index of each column's totals cell (its number format, bold).
 */
export function totalsRowXml(
  columns: readonly TableColumnXml[],
  row: number,
  firstDataRow: number,
  lastDataRow: number,
  values: readonly (number | string | undefined)[],
  styles: readonly number[],
): string {
  let xml = `<row r="${row}">`;
  const last = Math.max(lastDataRow, firstDataRow);
  for (let c = 0; c < columns.length; c++) {
    const total = columns[c]?.total;
    const ref = `${columnLetters(c)}${row}`;
    const s = styles[c] ? ` s="${styles[c]}"` : '';
    if (total === undefined) {
      if (s) xml += `<c r="${ref}"${s}/>`; // empty, but with the row's look (its rule spans the table)
      continue;
    }
    if ('label' in total) {
      xml += inlineStringCell(ref, s, total.label.toWellFormed());
      continue;
    }
    const letters = columnLetters(c);
    const formula = `SUBTOTAL(${TOTAL_FUNCTIONS[total.fn]},${letters}${firstDataRow}:${letters}${last})`;
    const value = values[c];
    if (typeof value === 'number') xml += `<c r="${ref}"${s}><f>${formula}</f><v>${xlsxNumberText(value)}</v></c>`;
    else if (typeof value === 'string') xml += `<c r="${ref}"${s} t="e"><f>${formula}</f><v>${value}</v></c>`;
    else xml += `<c r="${ref}"${s}><f>${formula}</f></c>`;
  }
  return `${xml}</row>`;
}

/** The `<tablePart>` of the sheet tail's `<tableParts>`, for the table's relationship id. */
export function tablePartXml(relationshipId: string): string {
  return `<tablePart r:id="${relationshipId}"/>`;
}
