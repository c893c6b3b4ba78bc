import { mapRows } from '../sources/mapRows.js';
import { assertRows } from '../sources/rowReader.js';
import type { ColumnSpec, Rows, SelectedRow } from '../types.js';
import { type ResolvedColumn, bindColumns, checkRow, normaliseColumns } from './resolveColumns.js';

/**
 * Picks, orders and renames columns of a row stream, with the same rules as the writers'
 * `columns` option (dot paths, computed `value`, array rows by position). Each output row is a
 * new object keyed by the column's `header`. Closing the result closes `rows`.
 * @param rows - Objects or arrays from any iterable or async iterable.
 * @param columns - Keys or column objects, in output order.
 * @returns An async iterable of plain objects, typed by the columns' headers where they are literals.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` at once for bad columns; while iterating,
 *   `ROWPORT_INVALID_VALUE` with row and column when a computed column throws.
 * @example
 * const rows = [{ id: 1, student: { name: 'Ada' }, secret: 'x' }];
 * for await (const row of selectColumns(rows, ['id', { key: 'student.name', header: 'Name' }])) console.log(row);
 * //=> { id: 1, Name: 'Ada' }
 */
export function selectColumns<T, const C extends readonly ColumnSpec<T>[]>(rows: Rows<T>, columns: C): AsyncIterable<SelectedRow<T, C>> {
  assertRows(rows);
  const normalised = normaliseColumns(columns);
  let bound: ResolvedColumn[] | undefined;
  return mapRows(rows, (row, index) => {
    checkRow(row, index);
    bound ??= bindColumns(normalised, row);
    const out: Record<string, unknown> = {};
    for (const column of bound) out[column.header] = column.read(row, index);
    return out as SelectedRow<T, C>;
  });
}
