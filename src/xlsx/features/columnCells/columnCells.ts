import { invalidOption } from '../../../errors.js';
import type { CellWriter } from '../../cells/cells.js';
import type { StyleRegistry } from '../../package/styles.js';
import type { SheetColumn } from '../../settings/sheetSettings.js';
import { DEFAULT_WIDTH } from '../../xml/sheetXml.js';
import { type SheetHooks, type SheetStart, type WorkbookFeature, columnOptions } from '../../seam/feature.js';
import { type ColumnFormula, type FormulaText, calculateUncachedOnLoad, compileFormula } from '../../formulas/formulaColumn.js';
import { checkLinkTemplate } from '../../links/links.js';
import { SheetLinks } from '../../links/sheetLinks.js';
import { RowportWarningCode } from '../../xml/warnings.js';
import { type CellStyle, NO_STYLE, type ResolvedCellStyle, mergeStyles, resolveCellStyle } from '../../styles/cellStyle.js';
import { type CurrentRow, currentRow } from './currentRow.js';
import { type LinkKeys, checkLinkKeys, linkKeysOffColumns } from './linkKeys.js';
import { formulaCellWriter } from './formulaCells.js';
import { linkTemplateWriter, urlCellWriter } from './linkCells.js';
import { plainCellWriter } from './plainCells.js';
import { type RowStyle, type RowStyles, rowStyles } from './rowStyles.js';

/** What a column of `toXlsx`/`toWorkbook` may add to {@link Column}: a style, a formula, a link. */
export interface XlsxColumnOptions<T = Record<string, unknown>> {
  /** How the column's cells look: bold, colours, alignment, border; over the number format. */
  readonly style?: CellStyle | undefined;
  /**
   * Write a formula in each cell: a function of the row and its sheet row number
   * (`(row, r) => \`B${r}/C${r}\``) or a template with `{r}` (`'B{r}/C{r}'`). The column's value (its
   * `key` or `value()`) is written as the cached result, for readers that do not calculate.
   */
  readonly formula?: ColumnFormula<T> | undefined;
  /** Link each cell to a URL made from the row: `'https://school.example/students/{id}'` (`{key}` is
   *  replaced by the row's value, URL-encoded). Only `http:`, `https:` and `mailto:` targets. */
  readonly link?: string | undefined;
}

/** The sheet option of the column-cells feature, for rows of type `T` (`never`: any row). */
export interface ColumnCellsSheetOptions<T = never> {
  /** A style for each row from its values (banding, highlighting a row), laid over the column styles;
   *  `undefined` for none. Return the same objects for the same looks: styles are interned by object. */
  readonly rowStyle?: RowStyle<T> | undefined;
  /**
   * How the links of `url` columns and `link` templates are written. `'auto'`: as Excel writes
   * them, native hyperlinks (the cell holds the text; the target goes in the sheet's hyperlink list),
   * up to Excel's 65,530 a sheet, then `HYPERLINK()` formulas for the rest of that sheet (with a
   * `ROWPORT_LINK_AS_FORMULA` warning). `'formula'`: every link a `HYPERLINK()` formula with its
   * text cached, for workbooks whose users copy, edit or build on the formulas.
   * @default 'auto'
   * @example toXlsx(rows, { columns: [{ key: 'profile', type: 'url' }], links: 'formula' })
   */
  readonly links?: LinkForm | undefined;
}

/** How links are written: see the sheet option `links`. */
export type LinkForm = 'auto' | 'formula';

/**
 * How a column's cells are written when it asks for more than its type: `url` columns and `link`
 * templates (clickable links), `formula` columns (a formula with its cached value), a column
 * `style`, and the sheet's `rowStyle`. One unit, because each cell gets one writer and one
 * style: a link in a styled column of a highlighted row is all three.
 */
export const columnCellsFeature: WorkbookFeature<ColumnCellsSheetOptions, ColumnSpecExtras> = {
  name: 'columnCells',
  columnKeys: ['style', 'formula', 'link'],
  finish: calculateUncachedOnLoad,
  column({ key, type, style, formula, link }, name) {
    const extras: ColumnSpecExtras = {
      url: type === 'url',
      style: style === undefined ? undefined : resolveCellStyle(`${name}.style`, style),
      formula: formula === undefined ? undefined : compileFormula(`${name}.formula`, key, formula),
      link: link === undefined ? undefined : checkLinkTemplate(`${name}.link`, link),
      linkOption: `${name}.link`,
    };
    if (extras.url && (extras.formula || extras.link)) throw invalidOption(`${name}.type`, "no 'url' type on a formula or link column", type);
    if (extras.formula && extras.link) throw invalidOption(`${name}.link`, 'no link on a formula column', link);
    return extras.url || extras.style || extras.formula || extras.link ? extras : undefined;
  },
  resolve(options, settings) {
    const where = settings.where;
    const specs = new Map<string, ColumnSpecExtras>();
    for (const column of settings.columns ?? []) {
      const extras = columnOptions(columnCellsFeature, column);
      if (extras) specs.set(column.key, extras);
    }
    const { rowStyle, links = 'auto' } = options;
    if (rowStyle !== undefined && typeof rowStyle !== 'function')
      throw invalidOption(`${where}rowStyle`, 'a function (row, index) => style or undefined', rowStyle);
    if (links !== 'auto' && links !== 'formula') throw invalidOption(`${where}links`, "'auto' or 'formula'", links);
    if (specs.size === 0 && rowStyle === undefined) return undefined;
    return { name: 'columnCells', start: (sheet) => start(sheet, { specs, rowStyle, links }) };
  },
};

// --- internal ---

interface ColumnSpecExtras {
  readonly url: boolean;
  readonly style: ResolvedCellStyle | undefined;
  readonly formula: FormulaText | undefined;
  readonly link: string | undefined;
  /** The option of `link`, for messages. */
  readonly linkOption: string;
}

/** The sheet's column options, resolved. */
interface ColumnCellsSheet {
  readonly specs: ReadonlyMap<string, ColumnSpecExtras>;
  readonly rowStyle: ColumnCellsSheetOptions['rowStyle'];
  readonly links: LinkForm;
}

/** The sheet's hooks: each column's writer, the current row for those that read it, the native links in the tail. */
function start(sheet: SheetStart, { specs, rowStyle, links: form }: ColumnCellsSheet): SheetHooks {
  const current = currentRow(sheet.columns);
  const layers = rowStyle === undefined ? undefined : rowStyles(rowStyle, sheet.settings.where);
  const registries: StyleRegistry[] = []; // each column's, with other features' column formats (protection)
  const hasLinks = [...specs.values()].some((e) => e.url || e.link !== undefined);
  const links =
    form === 'auto' && hasLinks
      ? new SheetLinks((row, why) => sheet.warn(RowportWarningCode.LinkAsFormula, `this sheet's links from here on are HYPERLINK formulas: ${why}`, row))
      : undefined;
  const compile = columnWriters(sheet, specs, current, layers, registries, links);
  const hooks: SheetHooks = {
    cell(column, c, styles) {
      registries[c] = styles;
      if (layers === undefined) return specs.has(column.key) ? compile(c, 0) : undefined;
      return layers.layered(column, c, compile);
    },
  };
  if (links !== undefined) hooks.tail = (part) => ({ hyperlinks: links.take(part) });
  const needsRow = layers !== undefined || [...specs.values()].some((e) => e.formula !== undefined || e.link !== undefined);
  if (needsRow) {
    // Link placeholders that name no column are checked against the first row (its keys are known only then).
    const columnKeys = new Set(sheet.columns.map((column) => column.key));
    const offColumns: LinkKeys[] = [];
    for (const extras of specs.values()) {
      const keys = extras.link === undefined ? undefined : linkKeysOffColumns(extras.linkOption, extras.link, columnKeys);
      if (keys !== undefined) offColumns.push(keys);
    }
    let unchecked = offColumns.length > 0;
    hooks.beforeRow = (row, index, rowNumber) => {
      if (unchecked) {
        unchecked = false;
        checkLinkKeys(offColumns, row, columnKeys);
      }
      current.row = row;
      current.index = index;
      current.rowNumber = rowNumber;
      if (layers !== undefined) layers.enter(row, index);
    };
  }
  return hooks;
}

/** Compiles column `c`'s writer in row-style layer `l` (0 without row styles): plain, link, url or formula cells. */
function columnWriters(
  sheet: SheetStart,
  specs: ReadonlyMap<string, ColumnSpecExtras>,
  current: CurrentRow,
  layers: RowStyles | undefined,
  registries: readonly StyleRegistry[],
  links: SheetLinks | undefined,
): (c: number, l: number) => CellWriter {
  const { columns, widths, settings } = sheet;
  const context = { zone: settings.zone, dateFormat: settings.dateFormat, wrapText: settings.look.wrapText, warn: sheet.warn };
  return (c, l) => {
    const column = columns[c] as SheetColumn;
    const styles = registries[c] ?? sheet.styles;
    const extras = specs.get(column.key);
    const layerStyle = layers === undefined ? NO_STYLE : (layers.styles[l] as ResolvedCellStyle);
    const style = mergeStyles(extras?.style ?? NO_STYLE, layerStyle);
    const plain = plainCellWriter(column, context, styles, style, widths[c] ?? DEFAULT_WIDTH);
    if (extras === undefined) return plain;
    const cell = { column, style, styles, context, plain };
    if (extras.url) return urlCellWriter(cell, links);
    if (extras.link !== undefined) return linkTemplateWriter(cell, extras.link, current, links);
    if (extras.formula !== undefined) return formulaCellWriter(cell, extras.formula, current, sheet);
    return plain;
  };
}
