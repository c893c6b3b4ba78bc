import { RowportError, RowportErrorCode, at, invalidOption, isThenable, notAwaited } from '../../errors.js';
import { xlsxNumberText } from '../../writer/numbers.js';
import { escapeText } from '../xml/xmlText.js';
import type { WorkbookFinish } from '../seam/feature.js';

/** Excel's longest formula, in characters. */
export const MAX_FORMULA_LENGTH = 8_192;

/**
 * Workbook-wide flag (see `SheetStart.shared`) set when a formula cell was written without a cached
 * value: the workbook then asks to be calculated when it opens (`fullCalcOnLoad`), so Excel shows
 * the results of those formulas rather than empty cells.
 */
export const UNCACHED_FORMULAS = 'formulas.uncached';
/** The value kept under {@link UNCACHED_FORMULAS}. */
export interface UncachedFormulas {
  any: boolean;
}

/**
 * The `finish` hook of the features that may write formulas without cached values (formula
 * columns, table totals over them): when any was written, Excel is asked to calculate on open.
 */
export function calculateUncachedOnLoad(book: WorkbookFinish): void {
  if (book.shared<UncachedFormulas>(UNCACHED_FORMULAS, () => ({ any: false })).any) book.setAttribute('calcPr', 'fullCalcOnLoad', '1');
}

/** Digits of the largest sheet row number, 1,048,576. */
const MAX_ROW_DIGITS = 7;

/**
 * A formula of a column: a function of the row and its 1-based sheet row number
 * (`(row, r) => \`E${r}/F${r}\``), or a template where `{r}` stands for the row number (`'E{r}/F{r}'`).
 * A leading `=` is optional.
 */
export type ColumnFormula<T> = string | ((row: T, r: number) => string);

/** Makes the formula text of each row; throws `ROWPORT_INVALID_VALUE` (row, column) for a bad result. */
export type FormulaText = (row: unknown, r: number, index: number) => string;

/**
 * Checks a column's `formula` once and compiles it.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` for anything but a function or a non-empty template.
 */
export function compileFormula(option: string, key: string, formula: unknown): FormulaText {
  if (typeof formula === 'string') {
    const body = strip(formula);
    const parts = body.split('{r}');
    // Each `{r}` becomes a row number of up to 7 digits (1,048,576): the longest filled formula must fit.
    if (body === '' || body.length + (parts.length - 1) * (MAX_ROW_DIGITS - 3) > MAX_FORMULA_LENGTH) {
      throw invalidOption(
        option,
        `a formula of 1 to ${MAX_FORMULA_LENGTH} characters (each {r} counted as ${MAX_ROW_DIGITS}), or a function (row, r) => formula`,
        formula,
      );
    }
    if (parts.length === 1) return () => body;
    return (_, r) => parts.join(String(r));
  }
  if (typeof formula !== 'function') throw invalidOption(option, "a function (row, r) => formula, or a template like 'E{r}/F{r}'", formula);
  const fn = formula as (row: unknown, r: number) => unknown;
  return (row, r, index) => {
    let text: unknown;
    try {
      text = fn(row, r);
    } catch (error) {
      throw new RowportError(
        RowportErrorCode.InvalidValue,
        `${at(index, key)}the column's formula() threw: ${error instanceof Error ? error.message : String(error)}`,
        {
          row: index,
          column: key,
          cause: error,
        },
      );
    }
    const body = typeof text === 'string' ? strip(text) : '';
    if (body === '' || body.length > MAX_FORMULA_LENGTH) {
      if (isThenable(text)) throw notAwaited(text, index, key);
      throw new RowportError(RowportErrorCode.InvalidValue, `${at(index, key)}formula() must return a formula of 1 to ${MAX_FORMULA_LENGTH} characters`, {
        row: index,
        column: key,
      });
    }
    return body;
  };
}

/**
 * A formula cell with its cached value, where there is one, so readers without a calculation
 * engine still show it: a number, text (`t="str"`) or a boolean; nothing for no value.
 * @example formulaCellXml('G2', '', 'E2/F2', 0.5) //=> '<c r="G2"><f>E2/F2</f><v>0.5</v></c>'
 */
export function formulaCellXml(ref: string, style: string, formula: string, cached: unknown): string {
  const f = `<f>${escapeText(formula.toWellFormed())}</f>`;
  switch (typeof cached) {
    case 'number':
      return Number.isFinite(cached) ? `<c r="${ref}"${style}>${f}<v>${xlsxNumberText(cached)}</v></c>` : `<c r="${ref}"${style} t="e">${f}<v>#NUM!</v></c>`;
    case 'string':
      return `<c r="${ref}"${style} t="str">${f}<v>${escapeText(cached.toWellFormed())}</v></c>`;
    case 'boolean':
      return `<c r="${ref}"${style} t="b">${f}<v>${cached ? 1 : 0}</v></c>`;
    default:
      return `<c r="${ref}"${style}>${f}</c>`;
  }
}

// --- internal ---

function strip(text: string): string {
  return text.startsWith('=') ? text.slice(1) : text;
}
