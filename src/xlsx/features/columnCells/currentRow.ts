import { compilePath } from '../../../columns/path.js';

/** The row being written, for cell writers that read other fields of it; `beforeRow` sets it. */
export interface CurrentRow {
  row: unknown;
  /** The row's 1-based number in its physical sheet. */
  rowNumber: number;
  /** The current row's value at `key` (a dot path), its getter compiled once per key. */
  readonly field: (key: string) => unknown;
}

/** A sheet's current row, before its first row. */
export function currentRow(): CurrentRow {
  const getters = new Map<string, (row: unknown) => unknown>();
  const current: CurrentRow = {
    row: undefined,
    rowNumber: 0,
    field: (key) => {
      let get = getters.get(key);
      if (get === undefined) {
        const path = compilePath(key);
        get = (row) => path(row);
        getters.set(key, get);
      }
      return get(current.row);
    },
  };
  return current;
}
