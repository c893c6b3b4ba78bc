import { invalidOption } from '../../../errors.js';
import { columnLetters } from '../../xml/cellRef.js';
import { type WorkbookFeature, columnOptions } from '../../seam/feature.js';
import { dxfXml } from '../../styles/cellStyle.js';
import { type ConditionalFormat, type ResolvedConditionalFormat, resolveConditionalFormats } from './conditionalFormatOptions.js';
import { type PlacedRule, conditionalFormattingXml } from './conditionalFormatXml.js';

/** The options of the conditional formats feature. */
export interface ConditionalFormatSheetOptions {
  /**
   * Conditional formats of the sheet, each over the data cells of its `column`: colour scales,
   * data bars, icon sets, and rules that highlight cells (`cell`, `text`, `top`, `bottom`,
   * `aboveAverage`, `belowAverage`) with a style. A column can hold its own list
   * (`columns: [{ key: 'score', conditionalFormats: [{ type: 'dataBar' }] }]`); those come first.
   * @default []
   */
  readonly conditionalFormats?: readonly ConditionalFormat[] | undefined;
}

/** What a column of `toXlsx`/`toWorkbook` may add to {@link Column} for this feature. */
export interface ConditionalFormatColumnOptions {
  /** Conditional formats over this column's data cells (their `column` is this one). */
  readonly conditionalFormats?: readonly Omit<ConditionalFormat, 'column'>[] | undefined;
}

/**
 * Conditional formats. Their ranges are the whole data column of each physical sheet, known only
 * when its last row is: they are written in the sheet's tail, so nothing is held per row.
 */
export const conditionalFormatsFeature: WorkbookFeature<ConditionalFormatSheetOptions, readonly ResolvedConditionalFormat[]> = {
  name: 'conditionalFormats',
  columnKeys: ['conditionalFormats'],
  column: (column, where) =>
    'conditionalFormats' in column ? resolveConditionalFormats(`${where}.conditionalFormats`, column.conditionalFormats, column.key) : undefined,
  resolve(options, settings) {
    const where = settings.where;
    const rules = (settings.columns ?? []).flatMap((column) => columnOptions(conditionalFormatsFeature, column) ?? []);
    const own = resolveConditionalFormats(`${where}conditionalFormats`, options.conditionalFormats, undefined);
    rules.push(...own);
    if (rules.length === 0) return undefined;
    const firstOwn = rules.length - own.length;
    const check = (keys: readonly string[]): void => {
      rules.forEach((rule, r) => {
        if (r >= firstOwn && !keys.includes(rule.column)) {
          throw invalidOption(
            `${where}conditionalFormats[${r - firstOwn}].column`,
            `the key of a column (${keys.map((k) => JSON.stringify(k)).join(', ')})`,
            rule.column,
          );
        }
      });
    };
    if (settings.columns) check(settings.columns.map((c) => c.key));
    return {
      name: 'conditionalFormats',
      start(sheet) {
        // An empty source without `columns` has no columns at all: no cells to format, and no error.
        if (sheet.columns.length === 0) return {};
        const keys = sheet.columns.map((c) => c.key);
        check(keys);
        const { firstDataRow, styles } = sheet;
        const dxf = (style: Parameters<typeof dxfXml>[0]): number => styles.dxf(dxfXml(style));
        return {
          tail(part) {
            if (part.lastRow < firstDataRow) return {};
            const placed: PlacedRule[] = rules.map((rule) => {
              const letters = columnLetters(keys.indexOf(rule.column));
              return { rule, sqref: `${letters}${firstDataRow}:${letters}${part.lastRow}`, topLeft: `${letters}${firstDataRow}` };
            });
            return { conditionalFormatting: conditionalFormattingXml(placed, dxf) };
          },
        };
      },
    };
  },
};
