import { mapRows } from '../sources/mapRows.js';
import { assertRows, claimRows } from '../sources/rowReader.js';
import { invalidOption } from '../errors.js';
import type { CheckedColumns, Column, ColumnSpec, Rows, SelectedRow } from '../types.js';
import { checkRow, readFailed, setOwn } from '../sources/rowShape.js';
import { type ResolvedColumn, bindColumns, normaliseColumns } from './resolveColumns.js';

/**
 * Picks, orders and renames columns of a row stream, with the same rules as the writers'
 * `columns` option (dot paths, computed `value`, array rows by position). Each output row is a
 * new object keyed by the column's `header`. Closing the result closes `rows`.
 * @param rows - Objects or arrays from any iterable or async iterable.
 * @param columns - Keys or column objects, in output order.
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
export function selectColumns<T, const C extends readonly ColumnSpec<T>[]>(rows: Rows<T>, columns: CheckedColumns<T, C>): AsyncIterable<SelectedRow<T, C>> {
  assertRows(rows);
  const normalised = normaliseColumns(columns);
  checkUniqueNames(normalised ?? []);
  claimRows(rows);
  let bound: ResolvedColumn[] | undefined;
  let arrays: boolean | undefined;
  return mapRows(rows, (row, index) => {
    checkRow(row, index, arrays);
    arrays ??= Array.isArray(row);
    bound ??= bindColumns(normalised, row);
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
    return out as SelectedRow<T, C>;
  });
}

// --- internal ---

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
