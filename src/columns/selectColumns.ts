import { mapRows } from '../sources/mapRows.js';
import { assertRows, claimRows } from '../sources/rowReader.js';
import { invalidOption } from '../errors.js';
import type { CheckedColumns, Column, ColumnSpec, Rows, SelectedRow } from '../types.js';
import { checkRow, readFailed, setOwn } from '../sources/rowShape.js';
import { type ResolvedColumn, bindColumns, normaliseColumns } from './resolveColumns.js';
import { MissingKeys, missingKeyMessage } from './missingKeys.js';
import { CallbackWatch, callUser } from '../base/callUser.js';
import { optionKeys, ownOptions } from '../base/optionKeys.js';
import { RowportWarningCode, type WarningHandler } from '../warnings.js';
import { keepKeyOrder, lostKeyOrder } from '../base/keyOrder.js';

/** Options of {@link selectColumns}. */
export interface SelectColumnsOptions {
  /**
   * Receives warnings: `ROWPORT_UNKNOWN_COLUMN` once the rows are done, for each key of `columns`
   * on none of the object rows read (a typo such as `'nmae'`, which would give rows without it).
   * A throw, or a promise it returns that rejects, ends the iteration as `ROWPORT_CALLBACK_FAILED`.
   * @example selectColumns(untypedRows, ['id', 'nmae'], { onWarning: (w) => console.warn(w.code, w.column) }) // typed rows: a compile error already
   */
  readonly onWarning?: WarningHandler | undefined;
}

/**
 * Picks, orders and renames columns of a row stream, with the same rules as the writers'
 * `columns` option (dot paths, computed `value`, array rows by position). Each output row is a
 * new object keyed by the column's `header`. Closing the result closes `rows`.
 * @param rows - Objects or arrays from any iterable or async iterable.
 * @param columns - Keys or column objects, in output order.
 * @param options - `onWarning` for keys on none of the rows.
 * @returns An async iterable of plain objects, typed by the columns' headers where they are literals.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` at once for bad columns, `ROWPORT_INVALID_SOURCE` for
 *   bad rows (or a generator or stream another call took already); while iterating,
 *   `ROWPORT_INVALID_VALUE` with row and column when a computed column, a getter or a Proxy trap of
 *   the row throws, or when a row is not an object or an array of the first row's kind.
 * @example
 * const rows = [{ id: 1, student: { name: 'Ada' }, secret: 'x' }];
 * for await (const row of selectColumns(rows, ['id', { key: 'student.name', header: 'Name' }])) console.log(row);
 * //=> { id: 1, Name: 'Ada' }
 */
export function selectColumns<T, const C extends readonly ColumnSpec<T>[]>(
  rows: Rows<T>,
  columns: CheckedColumns<T, C>,
  options: SelectColumnsOptions = {},
): AsyncIterable<SelectedRow<T, C>> {
  assertRows(rows);
  const normalised = normaliseColumns(columns);
  checkUniqueNames(normalised ?? []);
  const onWarning = warningHandler(options);
  claimRows(rows);
  let bound: ResolvedColumn[] | undefined;
  let order: readonly string[] | undefined; // the headers' order, when the output objects' keys would lose it (`2023`)
  let arrays: boolean | undefined;
  let missing: MissingKeys | undefined;
  const end = onWarning === undefined ? undefined : (read: number) => warnMissing(missing, read, onWarning);
  return mapRows(
    rows,
    (row, index) => {
      checkRow(row, index, arrays);
      arrays ??= Array.isArray(row);
      if (bound === undefined) {
        bound = bindColumns(normalised, row);
        order = lostKeyOrder(bound.map((column) => column.header));
        if (onWarning !== undefined) missing = MissingKeys.track(bound, true, row);
      } else if (missing?.pending) missing.observe(row);
      const out = selectRow(bound, row, index);
      if (order !== undefined) keepKeyOrder(out, order);
      return out as SelectedRow<T, C>;
    },
    end,
  );
}

// --- internal ---

/** The output row: each column's value under its header. */
function selectRow(bound: readonly ResolvedColumn[], row: unknown, index: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let c = 0;
  try {
    for (; c < bound.length; c++) {
      const column = bound[c] as ResolvedColumn;
      setOwn(out, column.header, column.read(row, index));
    }
  } catch (error) {
    throw readFailed(error, index, bound[c]?.key); // a getter or a Proxy trap of the row threw
  }
  return out;
}

const SELECT_COLUMNS_KEYS = optionKeys<SelectColumnsOptions>({ onWarning: true });

function warningHandler(options: SelectColumnsOptions): WarningHandler | undefined {
  const { onWarning } = ownOptions(options, SELECT_COLUMNS_KEYS);
  if (onWarning !== undefined && typeof onWarning !== 'function') throw invalidOption('onWarning', 'a function', onWarning);
  return onWarning;
}

/** One `ROWPORT_UNKNOWN_COLUMN` warning for each key no row had; settles once their promises did. */
async function warnMissing(missing: MissingKeys | undefined, read: number, onWarning: WarningHandler): Promise<void> {
  if (missing === undefined) return;
  const watch = new CallbackWatch();
  for (const column of missing.missing) {
    callUser('onWarning', onWarning, { code: RowportWarningCode.UnknownColumn, message: missingKeyMessage(column, read), column }, watch);
  }
  await watch.settle();
}

/** Output rows are keyed by header: two columns with one header would silently keep only the last. */
function checkUniqueNames<T>(columns: readonly Column<T>[]): void {
  const seen = new Map<string, number>();
  columns.forEach((column, i) => {
    const name = column.header ?? column.key;
    const first = seen.get(name);
    if (first !== undefined) {
      throw invalidOption(
        `columns[${i}]`,
        `an output name not used by columns[${first}]`,
        name,
        'selectColumns keys each output row by header; rename one of them',
      );
    }
    seen.set(name, i);
  });
}
