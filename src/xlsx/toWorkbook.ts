import { invalidOption } from '../errors.js';
import { resolveWriterOptions } from '../writer/writerOptions.js';
import { RowReader, assertRows, claimRows } from '../sources/rowReader.js';
import type { CheckedColumns, DateFormat, Rows, WriterOptions } from '../types.js';
import { FEATURES, FEATURE_OPTION_KEYS, type SheetFeatureOptions, type XlsxColumnSpec, xlsxColumnKeys } from './features/features.js';
import type { WorkbookJob } from './streamWorkbook.js';
import { LOOK_OPTION_KEYS, type XlsxWorkbookOptions, resolveLook } from './settings/look.js';
import { FeatureState } from './settings/sheetSettings.js';
import { resolveSheet } from './resolve/resolveSheet.js';
import { SheetNames } from './package/sheetName.js';
import type { SheetJob } from './sheet/writeSheet.js';
import { WRITER_OPTION_KEYS, optionKeys, ownOptions } from '../base/optionKeys.js';

/** One sheet of {@link toWorkbook}: its name, rows, columns, and options of its own. */
export interface SheetSpec<T = Record<string, unknown>> extends SheetFeatureOptions<T> {
  /** Sheet name; repaired if Excel would refuse it (≤ 31 characters, no `[]:*?/\`, unique). */
  readonly name: string;
  /** The sheet's rows: any `Iterable` or `AsyncIterable`. Read when the sheet before it is done. */
  readonly rows: Rows<T>;
  /** Which columns, in order, with headers, types and widths. @default the first row's keys */
  readonly columns?: readonly XlsxColumnSpec<T>[] | undefined;
  /** Write a header row on this sheet. @default the workbook's `header` */
  readonly header?: boolean | undefined;
  /** Date rendering of this sheet. @default the workbook's `dateFormat` */
  readonly dateFormat?: DateFormat | undefined;
  /** Time zone of this sheet's dates. @default the workbook's `timeZone` */
  readonly timeZone?: string | undefined;
  /** Most rows this sheet may have. @default the workbook's `maxRows` */
  readonly maxRows?: number | undefined;
}

/**
 * Types one sheet of `toWorkbook` the way `toXlsx` types its options: each literal column key must be
 * a key or a dot path of the sheet's rows (see `ColumnKey`), so a typo (`'nmae'`) is a compile error
 * that lists the keys it could be. At run time it returns `spec` itself; a plain object sheet works
 * as well, its keys checked at run time only (`ROWPORT_UNKNOWN_COLUMN`).
 * @param spec - The sheet: its name, rows, columns and options.
 * @returns `spec`, typed as a {@link SheetSpec} of its rows.
 * @example
 * toWorkbook([
 *   defineSheet({ name: 'Scores', rows: [{ name: 'Ada', score: 92 }], columns: ['name', 'score'] }),
 *   defineSheet({ name: 'Classes', rows: classes, columns: ['class', { key: 'avg', value: (c) => c.total / c.count }] }),
 * ]);
 */
export function defineSheet<T, const C extends readonly XlsxColumnSpec<T>[]>(
  spec: Omit<SheetSpec<T>, 'columns'> & { readonly columns?: CheckedColumns<T, C> | undefined },
): SheetSpec<T> {
  return spec as SheetSpec<T>;
}

/**
 * The sheets of {@link toWorkbook}, each typed by its own rows: `R` is inferred, one row type per
 * sheet, so a computed column's `value(row)` sees the row type of its sheet. An array built before
 * the call (not a tuple) holds sheets of any of its row types: `(SheetSpec<A> | SheetSpec<B>)[]`.
 */
export type SheetSpecs<R extends readonly unknown[]> = {
  readonly [K in keyof R]: number extends R['length'] ? SheetSpec<R[K]> | SheetOf<R[K]> : SheetSpec<R[K]>;
};

/** A {@link SheetSpec} of each member of the union `T`. */
type SheetOf<T> = T extends unknown ? SheetSpec<T> : never;

/** Options of `toWorkbook`: the shared writer options (`maxRows` per sheet) and the look of every sheet. */
export interface ToWorkbookOptions extends Omit<WriterOptions, 'columns'>, XlsxWorkbookOptions {}

/**
 * The workbook of `toWorkbook`, every sheet checked at the call (naming `sheets[i].…`) before any
 * source is claimed: what `streamWorkbook` writes on any runtime.
 */
export function workbookJob<R extends readonly unknown[]>(sheets: SheetSpecs<R>, options: ToWorkbookOptions): WorkbookJob {
  if (!Array.isArray(sheets) || sheets.length === 0) throw invalidOption('sheets', 'a non-empty array of { name, rows, columns? }', sheets);
  const own = ownOptions(options, TO_WORKBOOK_KEYS); // own properties only, as each sheet's below
  const base = resolveWriterOptions(own, xlsxColumnKeys(FEATURES));
  const defaults = { ...base, look: resolveLook(own), state: new FeatureState() };
  const specs = (sheets as readonly SheetSpec<unknown>[]).map((given, i) => {
    const where = `sheets[${i}]`;
    if (given === null || typeof given !== 'object') throw invalidOption(where, 'a { name, rows, columns? } object', given);
    const spec = ownOptions(given, SHEET_SPEC_KEYS, `${where}.`);
    if (typeof spec.name !== 'string') throw invalidOption(`${where}.name`, 'a string', spec.name);
    assertRows(spec.rows, rowsOf(i, spec.name));
    return spec;
  });
  // All names at once: a repaired one must not take the name a later sheet is given.
  const names = new SheetNames();
  const written = names.addAll(specs.map((spec, i) => ({ name: spec.name, fallback: `Sheet${i + 1}` })));
  const resolved = specs.map((spec, i) => ({
    sheet: resolveSheet(spec, defaults, `sheets[${i}].`, { requested: spec.name, written: written[i] as string }),
    rows: spec.rows,
  }));
  // Sources are taken, and their iterators opened, only once every sheet passed its checks.
  for (const [i, { sheet, rows }] of resolved.entries()) claimRows(rows, rowsOf(i, sheet.requestedName));
  const jobs: SheetJob[] = resolved.map(({ sheet, rows }, i) => ({ sheet, reader: new RowReader(rows, sheet.maxRows, rowsOf(i, sheet.requestedName)) }));
  return {
    sheets: jobs,
    names,
    look: defaults.look,
    state: defaults.state,
    signal: base.signal,
    onProgress: base.onProgress,
    progressInterval: base.progressInterval,
    total: base.total,
  };
}

// --- internal ---

/** How messages name the rows of sheet `i`: `sheets[1].rows ("Scores")`. */
function rowsOf(i: number, name: string): string {
  return `sheets[${i}].rows (${JSON.stringify(name)})`;
}

/** The keys of `toWorkbook` options (every writer's but `columns`, which each sheet has); see `ownOptions`. */
const { columns: _sheetsHaveColumns, ...WORKBOOK_WRITER_KEYS } = WRITER_OPTION_KEYS;
const TO_WORKBOOK_KEYS = optionKeys<ToWorkbookOptions>({ ...WORKBOOK_WRITER_KEYS, ...LOOK_OPTION_KEYS });

/** The keys of a `SheetSpec`; see `ownOptions`. */
const SHEET_SPEC_KEYS = optionKeys<SheetSpec>({
  name: true,
  rows: true,
  columns: true,
  header: true,
  dateFormat: true,
  timeZone: true,
  maxRows: true,
  ...FEATURE_OPTION_KEYS,
});
