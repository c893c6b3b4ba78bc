import { invalidOption } from '../../../errors.js';
import type { SheetFeature, SheetStart, WorkbookFeature } from '../../seam/feature.js';
import { UNCACHED_FORMULAS, type UncachedFormulas, calculateUncachedOnLoad } from '../../formulas/formulaColumn.js';
import {
  MAX_TABLE_COLUMN_NAME,
  type ResolvedTableOptions,
  type TableOptions,
  TableNames,
  type TotalFunction,
  resolveTableOptions,
  tableColumnNames,
} from './tableOptions.js';
import { RowportWarningCode } from '../../xml/warnings.js';
import { TABLE_CONTENT_TYPE, TABLE_RELATIONSHIP, type TableColumnXml, tablePartXml, tableXml, totalsRowXml } from './tableXml.js';
import { isEmptyLinkValue } from '../../links/links.js';
import { RunningTotal, cellNumber } from './totals.js';

/** The option of the table feature. */
export interface TableSheetOptions {
  /**
   * Make the header and rows an Excel table (ListObject): a built-in style with banded rows,
   * filter buttons (instead of the sheet autofilter), a name for structured references, and an
   * optional totals row whose `SUBTOTAL` values are computed while the rows stream. A sheet that
   * continues past 1,048,576 rows gets a table on each part.
   * @default false
   */
  readonly table?: boolean | TableOptions | undefined;
}

/**
 * Excel tables. One table per physical sheet, over the header and that sheet's rows, with its
 * totals row right under them (`rowsBelow`). The table part (`xl/tables/tableN.xml`) and its
 * relationship are written in the sheet's tail, when its last row is known.
 */
export const tableFeature: WorkbookFeature<TableSheetOptions & { readonly columns?: readonly unknown[] }> = {
  name: 'table',
  finish: calculateUncachedOnLoad,
  resolve(options, settings) {
    const table = resolveTableOptions(`${settings.where}table`, options.table);
    if (table === undefined) return undefined;
    if (table.name !== undefined) settings.state.get(NAMES, () => new TableNames()).reserve(table.name, `${settings.where}table.name`);
    if (!settings.header) throw invalidOption(`${settings.where}table`, 'a sheet with a header row (header: true), or false', options.table);
    if (table.totals && settings.columns)
      checkTotals(
        table,
        settings.columns.map((c) => c.key),
        `${settings.where}table`,
      );
    return tableSheetFeature(table, `${settings.where}table`, options.table, formulaKeys(options.columns));
  },
};

// --- internal ---

/** The workbook's table names (its feature state's key): reserved at the call, taken as the tables are written. */
const NAMES = 'table.names';

/** Keys of the columns given a `formula` (their cells' values are cached results, not data). */
function formulaKeys(columns: unknown): ReadonlySet<string> {
  const keys = new Set<string>();
  if (Array.isArray(columns)) {
    for (const spec of columns as unknown[]) {
      if (spec !== null && typeof spec === 'object' && (spec as { formula?: unknown }).formula !== undefined) keys.add(String((spec as { key?: unknown }).key));
    }
  }
  return keys;
}

/** Reports each header longer than a table column name may be: its name, and so its cell, is cut. */
function warnCutHeaders(sheet: SheetStart, texts: readonly string[]): void {
  texts.forEach((text, c) => {
    const key = sheet.columns[c]?.key;
    if (text.length <= MAX_TABLE_COLUMN_NAME || key === undefined) return;
    const message = `the header of column ${JSON.stringify(key)}: text of ${text.length} characters was cut to ${MAX_TABLE_COLUMN_NAME}, the most a table column name holds`;
    sheet.warn(RowportWarningCode.TextTruncated, message, undefined, key);
  });
}

function tableSheetFeature(table: ResolvedTableOptions, option: string, value: unknown, formulas: ReadonlySet<string>): SheetFeature {
  const totalsRow = table.totals !== undefined;
  return {
    name: 'table',
    // A table has its own filter buttons, and Excel refuses a sheet autofilter over a table.
    replaces: ['autoFilter'],
    rowsBelow: totalsRow ? 1 : 0,
    start(sheet) {
      if (!sheet.header) {
        // Rows of arrays without `columns` have no header row to make a table of: refused, as `header: false` is.
        // An empty source without `columns` has no columns at all: no table, and no error.
        if (sheet.columns.length > 0) throw invalidOption(option, 'a sheet with a header row (rows of arrays need `columns` for one), or false', value);
        return {};
      }
      const keys = sheet.columns.map((c) => c.key);
      if (table.totals) checkTotals(table, keys, option);
      const names = sheet.shared(NAMES, () => new TableNames());
      const uncached = sheet.shared<UncachedFormulas>(UNCACHED_FORMULAS, () => ({ any: false }));
      let columns: TableColumnXml[] = [];
      const totals = runningTotals(sheet, table, formulas);
      const observed = totals.flatMap((t, c) => (t === undefined ? [] : [[c, t] as const]));
      const totalStyles = totalsRowStyles(sheet, table);
      const { headerRow, firstDataRow } = sheet;
      return {
        headers(texts) {
          warnCutHeaders(sheet, texts);
          const repaired = tableColumnNames(texts);
          columns = repaired.map((name, c) => {
            const total = table.totals?.get(keys[c] as string);
            return total === undefined ? { name } : { name, total };
          });
          return repaired;
        },
        ...(observed.length > 0
          ? {
              observe(values: readonly unknown[]) {
                for (let i = 0; i < observed.length; i++) {
                  const [c, total] = observed[i] as readonly [number, RunningTotal];
                  total.add(values[c]);
                }
              },
            }
          : {}),
        ...(totalsRow
          ? {
              rowsBelow(part) {
                const lastDataRow = Math.max(part.lastRow, headerRow + 1);
                const values = totals.map((t, c) => {
                  const what = columns[c]?.total;
                  if (t === undefined || what === undefined || !('fn' in what)) return undefined;
                  // Over formula cells without cached results the total is not known here: Excel calculates it on open.
                  if (t.unknown) uncached.any = true;
                  return t.unknown ? undefined : t.value(what.fn);
                });
                return totalsRowXml(columns, lastDataRow + 1, firstDataRow, lastDataRow, values, totalStyles);
              },
            }
          : {}),
        tail(part) {
          const id = part.nextNumber('table');
          const name = names.add(table.name, part.sheetName);
          const path = `xl/tables/table${id}.xml`;
          part.addPart(
            path,
            tableXml({ id, name, columns, headerRow, lastDataRow: part.lastRow, totalsRow, style: table.style, bandedRows: table.bandedRows }),
            TABLE_CONTENT_TYPE,
          );
          const rel = part.addRelationship(TABLE_RELATIONSHIP, `../tables/table${id}.xml`);
          for (const t of totals) t?.reset(); // the next part's table totals its own rows
          return { tableParts: [tablePartXml(rel)] };
        },
      };
    },
  };
}

/** The totals of a date column that are dates themselves. */
const DATE_TOTALS: ReadonlySet<TotalFunction> = new Set(['min', 'max', 'average']);
const TOTALS_FONT = '<b/><sz val="11"/><name val="Calibri"/><family val="2"/>';
const TOTALS_BORDER = '<left/><right/><top style="thin"><color auto="1"/></top><bottom/><diagonal/>';

/** A running total for each column whose total is a function (`sum`, `average`, …), else undefined. */
function runningTotals(sheet: SheetStart, table: ResolvedTableOptions, formulas: ReadonlySet<string>): (RunningTotal | undefined)[] {
  return sheet.columns.map((c) => {
    const what = table.totals?.get(c.key);
    if (what === undefined || !('fn' in what)) return undefined;
    return new RunningTotal(cellNumber(c, sheet.settings.zone), formulas.has(c.key), c.type === 'url' ? isEmptyLinkValue : undefined);
  });
}

/**
 * The totals row's style of each column: bold over a rule, as Excel's table styles draw a totals
 * row, so readers that draw no table style (LibreOffice) still show it as one; numbers keep their
 * column's format, and the earliest, latest or average date of a date column its date format.
 */
function totalsRowStyles(sheet: SheetStart, table: ResolvedTableOptions): number[] {
  return sheet.columns.map((c) => {
    const what = table.totals?.get(c.key);
    const date = c.kind === 'date' && what !== undefined && 'fn' in what && DATE_TOTALS.has(what.fn);
    return sheet.styles.style({ numFmt: c.kind === 'number' ? c.numberNumFmt : date ? c.dateNumFmt : undefined, font: TOTALS_FONT, border: TOTALS_BORDER });
  });
}

function checkTotals(table: ResolvedTableOptions, keys: readonly string[], option: string): void {
  for (const key of table.totals?.keys() ?? []) {
    if (!keys.includes(key)) throw invalidOption(`${option}.totals.${key}`, `the key of a column (${keys.map((k) => JSON.stringify(k)).join(', ')})`, key);
  }
}
