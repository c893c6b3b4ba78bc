import { invalidOption } from '../../../errors.js';
import { type WorkbookFeature, type WorkbookFinish, columnOptions } from '../../seam/feature.js';
import { XML_DECLARATION, escapeAttribute, escapeText } from '../../xml/xmlText.js';
import { MAX_SHEET_COLUMNS, columnLetters } from '../../xml/cellRef.js';
import { inlineStringCell } from '../../xml/sheetXml.js';
import { type ResolvedValidation, type Validation, resolveValidation } from './validationOptions.js';

/** What a column of `toXlsx`/`toWorkbook` may add to `Column` for data validation (see {@link Validation}). */
export interface ValidationColumnOptions {
  /**
   * An input rule over the column's data cells, which Excel (and LibreOffice) check as a user
   * types: a dropdown (`{ list: ['present', 'absent'] }`) or a range (`{ type: 'whole', min: 0,
   * max: 20 }`), with an input prompt and an error message. Values the export writes are not
   * checked.
   * @default none
   * @example { key: 'status', validation: { list: ['present', 'absent', 'excused'], prompt: { message: 'Pick one' } } }
   */
  readonly validation?: Validation | undefined;
}

/** The key of the workbook-wide store of the lists kept on the hidden sheet. */
const LISTS = 'validation.lists';

/**
 * Data validation. Each rule covers its column's data cells of each physical sheet, known when
 * its last row is: written in the tail's `<dataValidations>`, nothing held per row. Lists Excel
 * cannot write inline go to a hidden sheet after the last sheet (one more each 16,384 lists), each
 * named (`RowportList1`).
 */
export const validationFeature: WorkbookFeature<object, ResolvedValidation> = {
  name: 'validation',
  columnKeys: ['validation'],
  column: (column, where, settings) =>
    column.validation === undefined ? undefined : resolveValidation(`${where}.validation`, column.validation, settings.zone),
  resolve(_options, settings) {
    const rules = new Map<string, ResolvedValidation>();
    for (const column of settings.columns ?? []) {
      const rule = columnOptions(validationFeature, column);
      if (rule) rules.set(column.key, rule);
    }
    if (rules.size === 0) return undefined;
    return {
      name: 'validation',
      start(sheet) {
        const lists = sheet.shared(LISTS, () => new ListStore());
        const placed = [...rules].map(([key, rule]) => {
          const c = sheet.columns.findIndex((column) => column.key === key);
          if (c < 0) throw invalidOption(`${sheet.settings.where}columns`, `a column ${JSON.stringify(key)} for its validation`, undefined);
          return { letters: columnLetters(c), rule, formula1: rule.formula1 ?? lists.name(rule.items) };
        });
        return {
          tail(part) {
            if (part.lastRow < sheet.firstDataRow) return {};
            return {
              dataValidations: placed.map(({ letters, rule, formula1 }) =>
                dataValidationXml(rule, formula1, `${letters}${sheet.firstDataRow}:${letters}${part.lastRow}`),
              ),
            };
          },
        };
      },
    };
  },
  finish(book) {
    book.shared(LISTS, () => new ListStore()).finish(book);
  },
};

/**
 * One `<dataValidation>` (ECMA-376 Part 1, §18.3.1.32).
 * @example dataValidationXml(resolveValidation('v', { list: ['a', 'b'] }, zone), '"a,b"', 'C2:C9')
 * //=> '<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="C2:C9"><formula1>"a,b"</formula1></dataValidation>'
 */
export function dataValidationXml(rule: ResolvedValidation, formula1: string, sqref: string): string {
  const { prompt, error } = rule;
  let attrs = ` type="${rule.type}"`;
  if (error && error.style !== 'stop') attrs += ` errorStyle="${error.style}"`;
  if (rule.operator && rule.operator !== 'between') attrs += ` operator="${rule.operator}"`;
  if (rule.allowBlank) attrs += ' allowBlank="1"';
  if (prompt) attrs += ' showInputMessage="1"';
  attrs += ' showErrorMessage="1"';
  if (error?.title !== undefined) attrs += ` errorTitle="${promptAttribute(error.title)}"`;
  if (error) attrs += ` error="${promptAttribute(error.message)}"`;
  if (prompt?.title !== undefined) attrs += ` promptTitle="${promptAttribute(prompt.title)}"`;
  if (prompt) attrs += ` prompt="${promptAttribute(prompt.message)}"`;
  const formula2 = rule.formula2 === undefined ? '' : `<formula2>${rule.formula2}</formula2>`;
  return `<dataValidation${attrs} sqref="${sqref}"><formula1>${escapeText(formula1)}</formula1>${formula2}</dataValidation>`;
}

// --- internal ---

/** The lists of the workbook kept on the hidden sheet, one column each; an equal list is stored once. */
class ListStore {
  private readonly lists = new Map<string, { readonly name: string; readonly items: readonly string[] }>();

  /** The defined name the list's validations refer to. */
  name(items: readonly string[]): string {
    const key = JSON.stringify(items);
    let list = this.lists.get(key);
    if (list === undefined) {
      list = { name: `RowportList${this.lists.size + 1}`, items };
      this.lists.set(key, list);
    }
    return list.name;
  }

  /** Adds the hidden sheets (`Lists`, `Lists (2)`, … one column a list) and the lists' names, when a sheet used one. */
  finish(book: WorkbookFinish): void {
    const all = [...this.lists.values()];
    for (let first = 0; first < all.length; first += MAX_SHEET_COLUMNS) {
      const lists = all.slice(first, first + MAX_SHEET_COLUMNS);
      const { quotedName } = book.addSheet({ name: 'Lists', xml: listSheetXml(lists), state: 'hidden' });
      lists.forEach(({ name, items }, c) => {
        const letters = columnLetters(c);
        book.addDefinedName({ name, value: `${quotedName}!$${letters}$1:$${letters}$${items.length}` });
      });
    }
  }
}

/** A hidden list sheet: each list's items down one column, from A1 (at most 16,384 lists). */
function listSheetXml(lists: readonly { readonly items: readonly string[] }[]): string {
  const height = Math.max(...lists.map((l) => l.items.length));
  let rows = '';
  for (let r = 0; r < height; r++) {
    rows += `<row r="${r + 1}">`;
    lists.forEach(({ items }, c) => {
      const item = items[r];
      if (item !== undefined) rows += inlineStringCell(`${columnLetters(c)}${r + 1}`, '', item);
    });
    rows += '</row>';
  }
  return `${XML_DECLARATION}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
}

/**
 * A prompt's or error's text as an attribute Excel and LibreOffice decode `_xHHHH_` in: line breaks
 * and `& < > "` as character references (every reader keeps them), a literal `_xHHHH_` as
 * `_x005F_xHHHH_`, so it reads back as written.
 */
function promptAttribute(text: string): string {
  return escapeAttribute(text).replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_');
}
