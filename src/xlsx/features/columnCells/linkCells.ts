import { DateRenderer } from '../../../dates/compile.js';
import { plainPattern } from '../../../dates/presets.js';
import type { CellWriter } from '../../cells/cells.js';
import { excelSerial, wallTime } from '../../cells/dateSerial.js';
import { MAX_FORMULA_LENGTH } from '../../formulas/formulaColumn.js';
import { fillTemplate, isEmptyLinkValue, isLinkValue, linkCellXml, linkTarget, numberCellXml, numberLinkCellXml } from '../../links/links.js';
import { NO_STYLE, type ResolvedCellStyle, mergeStyles } from '../../styles/cellStyle.js';
import { RowportWarningCode } from '../../xml/warnings.js';
import { cellText, wellFormed } from '../../xml/xmlText.js';
import { inlineStringCell } from '../../xml/sheetXml.js';
import type { SheetLinks } from '../../links/sheetLinks.js';
import { NUMERIC_LITERAL, exactBigint, exactDouble } from '../../../writer/numbers.js';
import type { CurrentRow } from './currentRow.js';
import { type StyledColumn, styleAttr } from './plainCells.js';
import { isDate } from '../../../base/isDate.js';

/**
 * The cells of a `url` column: a string or `{ url, text }` is a clickable link: a native one (the
 * text in the cell, the target in the sheet's `<hyperlinks>`) while `links` takes it, else a formula.
 * @param links - The sheet's native links; undefined with `links: 'formula'`.
 */
export function urlCellWriter(cell: StyledColumn, links: SheetLinks | undefined): CellWriter {
  const { plain } = cell;
  const { link } = linkWriters(cell, links);
  return (value, row, ref) => {
    if (typeof value === 'string') return value === '' ? '' : link(linkTarget(value), value, row, ref);
    if (!isLinkValue(value)) return plain(value, row, ref);
    if (isEmptyLinkValue(value)) return '';
    return link(linkTarget(value.url), (Object.hasOwn(value, 'text') ? value.text : undefined) ?? value.url, row, ref);
  };
}

/** The cells of a column with a `link` template: the value, linked to the URL the template makes from the row. */
export function linkTemplateWriter(cell: StyledColumn, template: string, current: CurrentRow, links: SheetLinks | undefined): CellWriter {
  const { column, plain, context } = cell;
  const { link, linkAttr, asText } = linkWriters(cell, links);
  /** A value no link cell holds as the column's plain cells do: that plain cell, with a native link while the sheet takes one. */
  const ownCell = (value: unknown, url: string, row: number, ref: string): string => {
    if (!links?.add(ref, url, row)) asText('a formula link cannot hold it as its column holds it', row);
    return plain(value, row, ref);
  };
  // A Date in the template is written as a `Date` value of the sheet is, in its date format and zone.
  const templateDates = new DateRenderer(plainPattern(context.dateFormat), context.zone);
  // A number stays a number (`HYPERLINK(url,42)`), in the column's number format, as in its plain cells.
  const { kind } = column;
  // A date stays a date (`HYPERLINK(url,45296)` in the date format), in a date column or as a `Date`.
  const numbers = kind !== 'text' && kind !== 'date';
  let numberLinkStyle: string | undefined;
  let dateLinkStyle: string | undefined;
  return (value, row, ref) => {
    if (value === null || value === undefined || value === '') return plain(value, row, ref);
    const date = kind === 'date' || (kind !== 'text' && isDate(value));
    if (typeof value === 'object' && !date) return plain(value, row, ref);
    const url = linkTarget(fillTemplate(template, current.field, templateDates, row));
    // No link to make: the value as the column's other cells hold it (a number stays a number), with the warning.
    if (url === undefined) {
      asText(NOT_A_TARGET, row);
      return plain(value, row, ref);
    }
    if (date) {
      const serial = excelSerial(wallTime(value, context.zone, column.type === 'date', row, column.key));
      if (serial === undefined) return ownCell(value, url, row, ref); // a date outside Excel's range is text, with its own warning
      dateLinkStyle ??= linkAttr(column.dateNumFmt);
      return links?.add(ref, url, row) ? numberCellXml(ref, dateLinkStyle, serial) : numberLinkCellXml(ref, dateLinkStyle, url, serial);
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
    if (n !== undefined && Number.isFinite(n)) {
      numberLinkStyle ??= linkAttr(column.numberNumFmt);
      return links?.add(ref, url, row) ? numberCellXml(ref, numberLinkStyle, n) : numberLinkCellXml(ref, numberLinkStyle, url, n);
    }
    // A boolean, a non-finite number, or a number too long for a double keeps the cell the column's others give it.
    if (kind !== 'text' && typeof value !== 'string') return ownCell(value, url, row, ref);
    return link(url, String(value), row, ref);
  };
}

// --- internal ---

/** Excel's look of a link: its Hyperlink cell style's blue, underlined. */
const LINK_STYLE: ResolvedCellStyle = { ...NO_STYLE, underline: true, color: 'FF0563C1' };
const NOT_A_TARGET = 'its target is not an http:, https: or mailto: URL';

interface LinkWriters {
  /** A text link cell; a value meant as a link that cannot be one is written as text, with a warning. */
  readonly link: (url: string | undefined, text: string, row: number, ref: string) => string;
  /** ` s="…"` of a link in this column's style, over the number format `numFmt`. */
  readonly linkAttr: (numFmt: string | undefined) => string;
  /** Reports a value meant as a link that is written as plain text. */
  readonly asText: (why: string, row: number) => void;
}

/** A column's link helpers, made once per column and style. */
function linkWriters({ column, style, styles, context, plain }: StyledColumn, links: SheetLinks | undefined): LinkWriters {
  const linkAttr = (numFmt: string | undefined): string =>
    styleAttr(styles, mergeStyles(style, { ...LINK_STYLE, color: style.color ?? LINK_STYLE.color }), numFmt);
  const asText = (why: string, row: number): void => context.warn(RowportWarningCode.LinkAsText, `a link was written as plain text: ${why}`, row, column.key);
  let linkStyle: string | undefined;
  const link = (url: string | undefined, text: string, row: number, ref: string): string => {
    if (url !== undefined) {
      // Native: the text as any text cell holds it (repaired, cut to 32,767 with their warnings).
      if (links?.add(ref, url, row)) return inlineStringCell(ref, (linkStyle ??= linkAttr(undefined)), cellText(text, context.warn, row, column.key));
      // A URL shown as itself was checked by `linkTarget`, which takes no lone surrogate.
      const repaired = text === url ? undefined : wellFormed(text);
      const xml = linkCellXml(ref, (linkStyle ??= linkAttr(undefined)), url, repaired ?? text);
      if (xml !== undefined) {
        if (repaired !== undefined) context.warn(RowportWarningCode.LoneSurrogate, 'a lone surrogate was replaced by U+FFFD', row, column.key);
        return xml;
      }
    }
    // The plain cell repairs the text itself, with its own warning.
    asText(url === undefined ? NOT_A_TARGET : `its text is too long for a ${MAX_FORMULA_LENGTH}-character formula`, row);
    return plain(text, row, ref);
  };
  return { link, linkAttr, asText };
}
