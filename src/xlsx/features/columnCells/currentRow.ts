import { compilePath } from '../../../columns/path.js';

/** The row being written, for cell writers that read other fields of it; `beforeRow` sets it. */
export interface CurrentRow {
  row: unknown;
  /** The row's 0-based index in the source (what a column's `value` function is given). */
  index: number;
  /** The row's 1-based number in its physical sheet. */
  rowNumber: number;
  /** The current row's value at `key`: the column of that key as its cell reads it (a `value`
   *  function, an array row's position), else the row's dot path; each getter made once per key. */
  readonly field: (key: string) => unknown;
}

/** A column's reader, as a sheet's columns have it. */
interface ColumnReader {
  readonly key: string;
  read(row: unknown, index: number): unknown;
}

/** A sheet's current row, before its first row. @param columns - The sheet's columns, read by their keys first. */
export function currentRow(columns: readonly ColumnReader[] = []): CurrentRow {
  const getters = new Map<string, (row: unknown, index: number) => unknown>();
  for (const column of columns) if (!getters.has(column.key)) getters.set(column.key, (row, index) => column.read(row, index));
  const current: CurrentRow = {
    row: undefined,
    index: 0,
    rowNumber: 0,
    field: (key) => {
      let get = getters.get(key);
      if (get === undefined) {
        const path = compilePath(key);
        get = (row) => path(row);
        getters.set(key, get);
      }
      return get(current.row, current.index);
    },
  };
  return current;
}
