import { invalidOption } from '../../../errors.js';
import { closestName, optionKeys, ownOptions } from '../../../base/optionKeys.js';
import { MAX_CELL_CHARS, truncate } from '../../xml/xmlText.js';

/** A totals-row function: the `SUBTOTAL` function number Excel uses for it (ECMA-376 Part 1, §18.18.79 ST_TotalsRowFunction). */
export const TOTAL_FUNCTIONS = { average: 101, countNums: 102, count: 103, max: 104, min: 105, stdDev: 107, sum: 109, var: 110 } as const;
/** What a totals-row cell holds: a function over the column's data, or any other text as a label. */
export type TotalFunction = keyof typeof TOTAL_FUNCTIONS;

/**
 * One cell of a totals row: a function name (`'average'`), a label as a string (`'Total'`), or a
 * label as `{ label }`, which is written as it is even when it reads like a function name
 * (`{ label: 'Sum' }`). A string one typo away from a function name (`'averag'`, `'SUM'`) is refused.
 * @example
 * toXlsx(rows, { table: { totals: { name: { label: 'Sum' }, score: 'average' } } });
 */
export type TotalsCell =
  | TotalFunction
  | (string & {})
  | {
      /** The label, written as it is. */
      readonly label: string;
    };

/** An Excel table (ListObject) over the header and the rows. */
export interface TableOptions {
  /** Table name, used in structured references (`Scores[score]`). Letters, digits, `_` and `.`, starting
   *  with a letter, `_` or `\`; not a cell reference, nor `RowportList1`, `RowportList2`, … (the names of the
   *  dropdown lists). @default the sheet name with other characters as `_` */
  readonly name?: string | undefined;
  /** A built-in table style: `TableStyleLight1`…`21`, `TableStyleMedium1`…`28`, `TableStyleDark1`…`11`, or `'none'`.
   *  @default 'TableStyleMedium2' */
  readonly style?: string | undefined;
  /** Shade every other row. @default true */
  readonly bandedRows?: boolean | undefined;
  /** A totals row under the rows, by column key: a function (`'sum'`, `'average'`, `'count'`, `'countNums'`,
   *  `'min'`, `'max'`, `'stdDev'`, `'var'`) written as `SUBTOTAL(…)` with its value, or any other text as a label.
   *  A string within a typo of a function name (`'averag'`) is refused as one; write a label that looks
   *  like one as `{ label: 'Sum' }`. */
  readonly totals?: Readonly<Record<string, TotalsCell>> | undefined;
}

/** `table` checked. `totals` holds function names or labels by column key. */
export interface ResolvedTableOptions {
  /** The name asked for, or undefined to derive it from the sheet name. */
  readonly name: string | undefined;
  /** The style, or undefined for `'none'`. */
  readonly style: string | undefined;
  readonly bandedRows: boolean;
  readonly totals: ReadonlyMap<string, { readonly fn: TotalFunction } | { readonly label: string }> | undefined;
}

/** Excel's longest table name. */
export const MAX_TABLE_NAME = 255;

/** The most characters of a table column name rowport writes: Excel's 255, less room for a number that keeps it unique. */
export const MAX_TABLE_COLUMN_NAME = MAX_TABLE_NAME - 4;

/**
 * Checks `table` once, at call time.
 * @param option - The option's name for messages: `table` or `sheets[1].table`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` for a name Excel refuses, an unknown style, bad totals.
 */
export function resolveTableOptions(option: string, table: unknown): ResolvedTableOptions | undefined {
  if (table === undefined || table === false) return undefined;
  if (table === true) return { name: undefined, style: DEFAULT_STYLE, bandedRows: true, totals: undefined };
  if (table === null || typeof table !== 'object' || Array.isArray(table))
    throw invalidOption(option, 'true, false or { name?, style?, bandedRows?, totals? }', table);
  const { name, style = DEFAULT_STYLE, bandedRows = true, totals } = ownOptions(table as TableOptions, TABLE_KEYS, `${option}.`);
  if (name !== undefined && !isTableName(name)) {
    throw invalidOption(
      `${option}.name`,
      `a table name Excel accepts (letters, digits, '_' and '.', starting with a letter, '_' or '\\', at most ${MAX_TABLE_NAME} characters, not a cell reference)`,
      name,
    );
  }
  if (name !== undefined && LIST_NAME.test(name)) {
    throw invalidOption(`${option}.name`, 'a name other than RowportList1, RowportList2, … (the defined names of the dropdown lists)', name);
  }
  if (typeof style !== 'string' || !(style === 'none' || TABLE_STYLE.test(style))) {
    throw invalidOption(`${option}.style`, "a built-in style 'TableStyleLight1'…'21', 'TableStyleMedium1'…'28', 'TableStyleDark1'…'11', or 'none'", style);
  }
  if (typeof bandedRows !== 'boolean') throw invalidOption(`${option}.bandedRows`, 'true or false', bandedRows);
  let resolvedTotals: Map<string, { fn: TotalFunction } | { label: string }> | undefined;
  if (totals !== undefined) {
    if (totals === null || typeof totals !== 'object' || Array.isArray(totals))
      throw invalidOption(`${option}.totals`, "an object of column key → function or label, e.g. { score: 'average', name: 'Total' }", totals);
    resolvedTotals = new Map();
    for (const [key, what] of Object.entries(totals)) resolvedTotals.set(key, totalsCell(`${option}.totals.${key}`, what));
  }
  return { name, style: style === 'none' ? undefined : style, bandedRows, totals: resolvedTotals };
}

/**
 * True for a name Excel takes for a table or defined name: starts with a letter, `_` or `\`; then
 * letters, digits, `_`, `.`; at most 255 characters; not `R`/`C`, not an A1 or R1C1 reference.
 */
export function isTableName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_TABLE_NAME) return false;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name)) return false;
  if (/^[rc]$/i.test(name)) return false;
  if (/^[A-Za-z]{1,3}\d+$/.test(name) && isA1(name)) return false;
  if (/^(?:R\d*C\d*|R\d+|C\d+)$/i.test(name)) return false;
  return true;
}

/**
 * The names of a workbook's tables: repairs a derived name so that Excel accepts it and keeps
 * names unique without case (`Scores`, `Scores_2`).
 */
export class TableNames {
  /** Names given in the options (upper case: Excel compares them without case), reserved at the call. */
  private readonly given = new Set<string>();
  private readonly taken = new Set<string>();

  /**
   * Reserves a name given in the options of a sheet, at the call, so that no other table takes it.
   * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming `option` when an earlier sheet gave it.
   */
  reserve(name: string, option: string): void {
    const key = name.toUpperCase();
    if (this.given.has(key)) throw invalidOption(option, "a name no other sheet's table has (names are compared without case)", name);
    this.given.add(key);
  }

  /**
   * The name of a table: `wanted` (already valid and {@link reserve}d) for the first part of its sheet,
   * or one made from it (`Scores_2`, a sheet's next part) or from `sheetName`, unique in the workbook.
   */
  add(wanted: string | undefined, sheetName: string): string {
    const base = wanted ?? fromSheetName(sheetName);
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : `_${n}`;
      const candidate = base.slice(0, MAX_TABLE_NAME - suffix.length) + suffix;
      const key = candidate.toUpperCase();
      const free = !this.taken.has(key) && ((n === 1 && wanted !== undefined) || !this.given.has(key));
      if (free && isTableName(candidate) && !LIST_NAME.test(candidate)) {
        this.taken.add(key);
        return candidate;
      }
    }
  }
}

/**
 * Table column names from the header texts: Excel needs them non-empty and unique without case,
 * and the header cells must hold exactly these names. Blank headers become `Column3`; a repeated
 * one gets a number (`score2`); line breaks and tabs stay (as Excel keeps them), other control
 * characters become spaces.
 */
export function tableColumnNames(headers: readonly string[]): string[] {
  const taken = new Set<string>();
  return headers.map((header, i) => {
    let base = header.toWellFormed().replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, ' ');
    if (base.trim() === '') base = `Column${i + 1}`; // blank: spaces at the ends of a name are kept, as Excel keeps them
    base = truncate(base, MAX_TABLE_COLUMN_NAME);
    let name = base;
    for (let n = 2; taken.has(name.toUpperCase()); n++) name = `${base}${n}`;
    taken.add(name.toUpperCase());
    return name;
  });
}

// --- internal ---

/** The keys of `table`; see `ownOptions`. */
const TABLE_KEYS = optionKeys<TableOptions>({ name: true, style: true, bandedRows: true, totals: true });
const DEFAULT_STYLE = 'TableStyleMedium2';
/**
 * The defined names of the dropdown lists on the hidden `Lists` sheet (`RowportList1`, …, see the
 * validation feature): a table shares their namespace (ECMA-376 Part 1, §18.5.1.2), without case.
 */
const LIST_NAME = /^RowportList\d+$/i;
const TABLE_STYLE = /^TableStyle(?:Light(?:[1-9]|1\d|2[01])|Medium(?:[1-9]|1\d|2[0-8])|Dark(?:[1-9]|1[01]))$/;

/**
 * One totals cell checked: a function, a label, or `{ label }`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` for a string one typo from a function name, or a bad label.
 */
function totalsCell(option: string, what: unknown): { fn: TotalFunction } | { label: string } {
  const given = what !== null && typeof what === 'object' && !Array.isArray(what) ? ownOptions(what as { label: string }, LABEL_KEYS, `${option}.`) : undefined;
  const label = given === undefined ? what : given.label;
  // A label is also an attribute of the table part, where XML 1.0 has no way to write a control
  // character or a lone surrogate; and it is the text of a cell, which holds at most 32,767 characters.
  if (typeof label !== 'string' || /[\x00-\x1f]/.test(label) || label.length > MAX_CELL_CHARS || !label.isWellFormed()) {
    throw invalidOption(
      given === undefined ? option : `${option}.label`,
      `${FUNCTION_LIST}, a label or { label } of at most ${MAX_CELL_CHARS} characters without control characters or lone surrogates`,
      label,
    );
  }
  if (given !== undefined) return { label };
  if (Object.hasOwn(TOTAL_FUNCTIONS, label)) return { fn: label as TotalFunction };
  const meant = closestName(label, Object.keys(TOTAL_FUNCTIONS), label.length <= 4 ? 1 : 2);
  if (meant !== undefined) {
    throw invalidOption(option, FUNCTION_LIST, label, `Did you mean '${meant}'? A label that is meant is written { label: ${JSON.stringify(label)} }`);
  }
  return { label };
}

const FUNCTION_LIST = Object.keys(TOTAL_FUNCTIONS)
  .map((f) => `'${f}'`)
  .join(', ');
const LABEL_KEYS = optionKeys<{ label: string }>({ label: true });

function isA1(name: string): boolean {
  const m = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (!m) return false;
  let col = 0;
  for (const ch of (m[1] as string).toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col <= 16_384 && Number(m[2]) >= 1 && Number(m[2]) <= 1_048_576;
}

function fromSheetName(sheetName: string): string {
  let name = sheetName.replace(/[^\p{L}\p{N}_.]/gu, '_');
  if (!/^[\p{L}_\\]/u.test(name)) name = `Table_${name}`;
  if (!isTableName(name)) name = `Table_${name}`;
  return name;
}
