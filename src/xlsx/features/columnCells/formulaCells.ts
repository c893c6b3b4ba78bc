import type { CellWriter } from '../../cells/cells.js';
import { compileCachedValue } from '../../formulas/cachedValue.js';
import { type FormulaText, UNCACHED_FORMULAS, type UncachedFormulas, formulaCellXml } from '../../formulas/formulaColumn.js';
import type { SheetStart } from '../../seam/feature.js';
import type { CurrentRow } from './currentRow.js';
import { type StyledColumn, styleAttr } from './plainCells.js';
import { isDate } from '../../../base/isDate.js';

/**
 * The cells of a `formula` column: the formula, with the column's value as its cached result.
 * The cached value and format as the column's own cells would have them: a date column's (or a
 * Date's) serial in the sheet's zone with the date format, a number column's format on every
 * cell (its formula gives a number), the rest by the rules of the plain cells (cachedValue.ts).
 */
export function formulaCellWriter({ column, style, styles, context }: StyledColumn, formula: FormulaText, current: CurrentRow, sheet: SheetStart): CellWriter {
  let numberStyle: string | undefined; // each registered with its first cell, as in cells.ts
  let textStyle: string | undefined;
  const uncached = sheet.shared<UncachedFormulas>(UNCACHED_FORMULAS, () => ({ any: false }));
  const cachedValue = compileCachedValue(column, context);
  let dateStyle: string | undefined;
  const { kind } = column;
  return (value, row, ref) => {
    const text = formula(current.row, current.rowNumber, row);
    const cached = cachedValue(value, row);
    if (cached === undefined) uncached.any = true;
    if (kind === 'date' || (kind !== 'text' && isDate(value))) {
      return formulaCellXml(ref, (dateStyle ??= styleAttr(styles, style, column.dateNumFmt)), text, cached);
    }
    const cellStyle =
      kind === 'number' || typeof cached === 'number'
        ? (numberStyle ??= styleAttr(styles, style, column.numberNumFmt))
        : (textStyle ??= styleAttr(styles, style, undefined));
    return formulaCellXml(ref, cellStyle, text, cached);
  };
}
