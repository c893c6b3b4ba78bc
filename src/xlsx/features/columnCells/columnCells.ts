import { compilePath } from '../../../columns/path.js';
import { DateRenderer } from '../../../dates/compile.js';
import { plainPattern } from '../../../dates/presets.js';
import { RowportError, RowportErrorCode, at, invalidOption, isRowportError, isThenable, notAwaited } from '../../../errors.js';
import { type CellWriter, compileCell } from '../../cells/cells.js';
import type { StyleRegistry } from '../../package/styles.js';
import type { SheetColumn } from '../../settings/sheetSettings.js';
import { DEFAULT_WIDTH } from '../../xml/sheetXml.js';
import type { SheetHooks, SheetStart, WorkbookFeature } from '../../seam/feature.js';
import { compileCachedValue } from '../../formulas/cachedValue.js';
import { type ColumnFormula, type FormulaText, MAX_FORMULA_LENGTH, UNCACHED_FORMULAS, type UncachedFormulas, calculateUncachedOnLoad, compileFormula, formulaCellXml } from '../../formulas/formulaColumn.js';
import { RowportWarningCode } from '../../xml/warnings.js';
import { wellFormed } from '../../xml/xmlText.js';
import { excelSerial, wallTime } from '../../cells/dateSerial.js';
import { NUMERIC_LITERAL, exactBigint, exactDouble } from '../../../writer/numbers.js';
import { checkLinkTemplate, fillTemplate, isLinkValue, linkCellXml, linkTarget, numberLinkCellXml } from '../../links/links.js';
import {
  type CellStyle,
  NO_STYLE,
  type ResolvedCellStyle,
  alignmentXml,
  borderXml,
  fillXml,
  fontXml,
  isPlain,
  mergeStyles,
  resolveCellStyle,
} from '../../styles/cellStyle.js';

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

/** The sheet option of the column-cells feature. */
export interface ColumnCellsSheetOptions {
  /** A style for each row from its values (banding, highlighting a row), laid over the column styles;
   *  `undefined` for none. Return the same objects for the same looks: styles are interned by object. */
  readonly rowStyle?: ((row: never, index: number) => CellStyle | undefined) | undefined; // typed by the row in ToXlsxOptions and SheetSpec
}

/**
 * How a column's cells are written when it asks for more than its type: `url` columns and `link`
 * templates (clickable links), `formula` columns (a formula with its cached value), a column
 * `style`, and the sheet's `rowStyle`. One unit, because each cell gets one writer and one
 * style: a link in a styled column of a highlighted row is all three.
 */
export const columnCellsFeature: WorkbookFeature<ColumnCellsSheetOptions & { readonly columns?: readonly unknown[] }> = {
  name: 'columnCells',
  finish: calculateUncachedOnLoad,
  resolve(options, settings) {
    const where = settings.where;
    const specs = new Map<string, ColumnSpecExtras>();
    (Array.isArray(options.columns) ? options.columns : []).forEach((spec: unknown, i) => {
      if (spec === null || typeof spec !== 'object') return;
      const { key, type, style, formula, link } = spec as { key: string; type?: string; style?: unknown; formula?: unknown; link?: unknown };
      const name = `${where}columns[${i}]`;
      const extras: ColumnSpecExtras = {
        url: type === 'url',
        style: style === undefined ? undefined : resolveCellStyle(`${name}.style`, style),
        formula: formula === undefined ? undefined : compileFormula(`${name}.formula`, key, formula),
        link: link === undefined ? undefined : checkLinkTemplate(`${name}.link`, link),
      };
      if (extras.url && (extras.formula || extras.link)) throw invalidOption(`${name}.type`, "no 'url' type on a formula or link column", type);
      if (extras.formula && extras.link) throw invalidOption(`${name}.link`, 'no link on a formula column', link);
      if (extras.url || extras.style || extras.formula || extras.link) specs.set(key, extras);
    });
    const { rowStyle } = options;
    if (rowStyle !== undefined && typeof rowStyle !== 'function') throw invalidOption(`${where}rowStyle`, 'a function (row, index) => style or undefined', rowStyle);
    if (specs.size === 0 && rowStyle === undefined) return undefined;
    return { name: 'columnCells', start: (sheet) => start(sheet, specs, rowStyle) };
  },
};

// --- internal ---

interface ColumnSpecExtras {
  readonly url: boolean;
  readonly style: ResolvedCellStyle | undefined;
  readonly formula: FormulaText | undefined;
  readonly link: string | undefined;
}

/** Excel's look of a link: its Hyperlink cell style's blue, underlined. */
const LINK_STYLE: ResolvedCellStyle = { ...NO_STYLE, underline: true, color: 'FF0563C1' };
/** Distinct row styles a sheet may use: each one compiles the sheet's cell writers once more. */
const MAX_ROW_STYLES = 1_000;

function start(sheet: SheetStart, specs: ReadonlyMap<string, ColumnSpecExtras>, rowStyle: ColumnCellsSheetOptions['rowStyle']): SheetHooks {
  const { columns, widths, styles, settings } = sheet;
  const cellContext = { zone: settings.zone, dateFormat: settings.dateFormat, wrapText: settings.look.wrapText, warn: sheet.warn };
  // Per row: the row, its number and its style layer, for writers that read other fields.
  let currentRow: unknown;
  let currentRowNumber = 0;
  let layer = 0;
  const layerStyles: ResolvedCellStyle[] = [NO_STYLE];
  const layerKeys = new Map<string, number>([[JSON.stringify(NO_STYLE), 0]]);
  const layerByObject = new WeakMap<object, number>();
  const writers: (CellWriter | undefined)[][] = [[]];
  const getters = new Map<string, (row: unknown) => unknown>();
  const field = (key: string): unknown => {
    let get = getters.get(key);
    if (get === undefined) {
      const path = compilePath(key);
      get = (row) => path(row);
      getters.set(key, get);
    }
    return get(currentRow);
  };

  const compile = (c: number, l: number): CellWriter => {
    const column = columns[c] as SheetColumn;
    const extras = specs.get(column.key);
    const style = mergeStyles(extras?.style ?? NO_STYLE, layerStyles[l] as ResolvedCellStyle);
    const plain = compileCell(column, { ...cellContext, styles: styleView(styles, style) }, widths[c] ?? DEFAULT_WIDTH);
    if (extras === undefined) return plain;
    /** ` s="…"` of a link in this column's style, over the number format `numFmt`. */
    const linkAttr = (numFmt: string | undefined): string => attr(styles, mergeStyles(style, { ...LINK_STYLE, color: style.color ?? LINK_STYLE.color }), numFmt);
    /** Reports a value meant as a link that is written as plain text. */
    const asText = (why: string, row: number): void =>
      sheet.warn(RowportWarningCode.LinkAsText, `a link was written as plain text: ${why}`, row, column.key);
    const NOT_A_TARGET = 'its target is not an http:, https: or mailto: URL';
    // A value meant as a link that cannot be one is written as text, with a warning.
    const link = (url: string | undefined, text: string, row: number, ref: string): string => {
      if (url !== undefined) {
        const repaired = wellFormed(text);
        if (repaired !== undefined) sheet.warn(RowportWarningCode.LoneSurrogate, 'a lone surrogate was replaced by U+FFFD', row, column.key);
        const xml = linkCellXml(ref, (linkStyle ??= linkAttr(undefined)), url, repaired ?? text);
        if (xml !== undefined) return xml;
      }
      asText(url === undefined ? NOT_A_TARGET : `its text is too long for a ${MAX_FORMULA_LENGTH}-character formula`, row);
      return plain(text, row, ref);
    };
    let linkStyle: string | undefined;
    if (extras.url) {
      return (value, row, ref) => {
        if (typeof value === 'string') return value === '' ? '' : link(linkTarget(value), value, row, ref);
        if (!isLinkValue(value)) return plain(value, row, ref);
        const text = (Object.hasOwn(value, 'text') ? value.text : undefined) ?? value.url;
        return text === '' && value.url === '' ? '' : link(linkTarget(value.url), text, row, ref);
      };
    }
    if (extras.link !== undefined) {
      const template = extras.link;
      // A Date in the template is written as a `Date` value of the sheet is, in its date format and zone.
      const templateDates = new DateRenderer(plainPattern(settings.dateFormat), settings.zone);
      // A number stays a number (`HYPERLINK(url,42)`), in the column's number format, as in its plain cells.
      const { kind } = column;
      // A date stays a date (`HYPERLINK(url,45296)` in the date format), in a date column or as a `Date`.
      const numbers = kind !== 'text' && kind !== 'date';
      let numberLinkStyle: string | undefined;
      let dateLinkStyle: string | undefined;
      return (value, row, ref) => {
        if (value === null || value === undefined || value === '') return plain(value, row, ref);
        const date = kind === 'date' || (kind !== 'text' && value instanceof Date);
        if (typeof value === 'object' && !date) return plain(value, row, ref);
        const url = linkTarget(fillTemplate(template, field, templateDates, row));
        if (date) {
          const serial = excelSerial(wallTime(value, settings.zone, column.type === 'date', row, column.key));
          if (url === undefined || serial === undefined) {
            if (url === undefined) asText(NOT_A_TARGET, row);
            return plain(value, row, ref); // a date outside Excel's range is text, with its own warning
          }
          dateLinkStyle ??= linkAttr(column.dateNumFmt);
          return numberLinkCellXml(ref, dateLinkStyle, url, serial);
        }
        const n = !numbers
          ? undefined
          : typeof value === 'number'
            ? value
            : typeof value === 'bigint'
              ? exactBigint(value)
              : kind === 'number' && typeof value === 'string' && NUMERIC_LITERAL.test(value)
                ? exactDouble(value)
                : undefined;
        if (n !== undefined && Number.isFinite(n) && url !== undefined) {
          numberLinkStyle ??= linkAttr(column.numberFormat);
          return numberLinkCellXml(ref, numberLinkStyle, url, n);
        }
        return link(url, String(value), row, ref);
      };
    }
    const formula = extras.formula;
    if (formula === undefined) return plain;
    // The cached value and format as the column's own cells would have them: a date column's (or a
    // Date's) serial in the sheet's zone with the date format, a number column's format on every
    // cell (its formula gives a number), the rest by the rules of the plain cells (cachedValue.ts).
    let numberStyle: string | undefined; // each registered with its first cell, as in cells.ts
    let textStyle: string | undefined;
    const uncached = sheet.shared<UncachedFormulas>(UNCACHED_FORMULAS, () => ({ any: false }));
    const cachedValue = compileCachedValue(column, cellContext);
    let dateStyle: string | undefined;
    const { kind } = column;
    return (value, row, ref) => {
      const text = formula(currentRow, currentRowNumber, row);
      const cached = cachedValue(value, row);
      if (cached === undefined) uncached.any = true;
      if (kind === 'date' || (kind !== 'text' && value instanceof Date)) {
        return formulaCellXml(ref, (dateStyle ??= attr(styles, style, column.dateNumFmt)), text, cached);
      }
      const cellStyle =
        kind === 'number' || typeof cached === 'number' ? (numberStyle ??= attr(styles, style, column.numberFormat)) : (textStyle ??= attr(styles, style, undefined));
      return formulaCellXml(ref, cellStyle, text, cached);
    };
  };

  const needsRow = rowStyle !== undefined || [...specs.values()].some((e) => e.formula !== undefined || e.link !== undefined);
  const hooks: SheetHooks = {
    cell(column, c) {
      if (rowStyle === undefined) return specs.has(column.key) ? compile(c, 0) : undefined;
      const byLayer = writers;
      return (value, row, ref) => {
        const list = byLayer[layer] as (CellWriter | undefined)[];
        try {
          return (list[c] ??= compile(c, layer))(value, row, ref);
        } catch (error) {
          // Too many cell formats: name the row whose style needed one more.
          if (!isRowportError(error) || error.row !== undefined) throw error;
          throw new RowportError(error.code, `${at(row, column.key)}rowStyle(): ${error.message}`, { row, column: column.key, cause: error });
        }
      };
    },
  };
  if (needsRow) {
    hooks.beforeRow = (row, index, rowNumber) => {
      currentRow = row;
      currentRowNumber = rowNumber;
      if (rowStyle !== undefined) layer = layerOf(rowStyle, row, index);
    };
  }
  return hooks;

  function layerOf(fn: NonNullable<ColumnCellsSheetOptions['rowStyle']>, row: unknown, index: number): number {
    let style: unknown;
    try {
      style = fn(row as never, index); // the row of the sheet's own type (see rowStyle)
    } catch (error) {
      throw new RowportError(RowportErrorCode.InvalidValue, `${at(index, undefined)}rowStyle() threw: ${error instanceof Error ? error.message : String(error)}`, { row: index, cause: error });
    }
    if (style === undefined || style === null) return 0;
    if (typeof style === 'object') {
      const known = layerByObject.get(style);
      if (known !== undefined) return known;
    }
    if (isThenable(style)) throw notAwaited(style, index, undefined); // an async rowStyle(): its Promise has no style keys
    let resolved: ResolvedCellStyle;
    try {
      resolved = resolveCellStyle(`${settings.where}rowStyle()`, style);
    } catch (error) {
      throw new RowportError(RowportErrorCode.InvalidValue, `${at(index, undefined)}${(error as Error).message}`, { row: index, cause: error });
    }
    const key = JSON.stringify(resolved);
    let id = layerKeys.get(key);
    if (id === undefined) {
      if (layerStyles.length >= MAX_ROW_STYLES) {
        throw new RowportError(RowportErrorCode.InvalidValue, `${at(index, undefined)}rowStyle() returned more than ${MAX_ROW_STYLES} different styles`, { row: index });
      }
      id = layerStyles.length;
      layerStyles.push(resolved);
      layerKeys.set(key, id);
      writers.push([]);
    }
    if (typeof style === 'object') layerByObject.set(style as object, id);
    return id;
  }
}

/** ` s="N"` of a cell in `style` with a number format. */
function attr(styles: StyleRegistry, style: ResolvedCellStyle, numFmt: string | undefined): string {
  const id = styles.style({ numFmt, font: fontXml(style), fill: fillXml(style), border: borderXml(style), alignment: alignmentXml(style, false) });
  return id === 0 ? '' : ` s="${id}"`;
}

/**
 * The registry as the default cell writer sees it, with `style` laid over every format it asks
 * for: the column's number formats and wrapping stay, the look is added. Interned once per
 * format, so a styled column costs nothing per cell.
 */
function styleView(styles: StyleRegistry, style: ResolvedCellStyle): StyleRegistry {
  if (isPlain(style)) return styles;
  const font = fontXml(style);
  const fill = fillXml(style);
  const border = borderXml(style);
  const view = Object.create(styles) as StyleRegistry;
  view.cell = (numFmt, wrap = false) => styles.style({ numFmt, font, fill, border, alignment: alignmentXml(style, wrap) });
  return view;
}
