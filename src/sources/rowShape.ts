import { RowportError, RowportErrorCode, at, describe, isRowportError } from '../errors.js';

// What a row may be, and how its properties are read and written: shared by the writers and the
// composable pieces (selectColumns, formatDates).

/**
 * Checks that a row is an object or an array (not bytes: a Buffer or typed array) and, when `arrays` is given, the same kind as the
 * first row: columns bound to keys read nothing from an array, and positions nothing from an object.
 */
export function checkRow(row: unknown, index: number, arrays?: boolean): void {
  if (row === null || typeof row !== 'object') {
    throw new RowportError(RowportErrorCode.InvalidValue, `${at(index, undefined)}expected an object or an array, got ${describe(row)}`, {
      row: index,
    });
  }
  if (ArrayBuffer.isView(row)) {
    throw new RowportError(RowportErrorCode.InvalidValue, `${at(index, undefined)}expected an object or an array, got bytes (${describe(row)}); parse them first`, {
      row: index,
    });
  }
  if (arrays !== undefined && Array.isArray(row) !== arrays) {
    throw new RowportError(
      RowportErrorCode.InvalidValue,
      `${at(index, undefined)}expected ${arrays ? 'an array' : 'an object'} like the first row, got ${describe(row)}; rows of one export are all arrays or all objects`,
      { row: index },
    );
  }
}

/** True for the names every plain object inherits from `Object.prototype`. */
export function isInherited(key: string): boolean {
  return key in Object.prototype;
}

/**
 * Sets `key` on a plain object as an own data property: `out.__proto__ = v` would change the
 * object's prototype instead.
 */
export function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * Without `columns`, array rows get one column per position of the first row: a later row with
 * more items would lose them silently, so it is refused (pass `columns` to pick positions).
 */
export function longerRow(row: readonly unknown[], index: number, width: number): RowportError {
  return new RowportError(
    RowportErrorCode.InvalidValue,
    `${at(index, undefined)}expected at most ${width} items like the first row, got ${row.length}; pass \`columns\` to write some positions only`,
    { row: index },
  );
}

/**
 * The error for a value that could not be read from a row: a getter or a Proxy trap threw.
 * A {@link RowportError} (a computed column's, with its own row and column) passes unchanged.
 */
export function readFailed(error: unknown, row: number, column: string | undefined): RowportError {
  if (isRowportError(error)) return error;
  return new RowportError(
    RowportErrorCode.InvalidValue,
    `${at(row, column)}reading the ${column === undefined ? "row's keys" : 'value'} threw: ${error instanceof Error ? error.message : String(error)}`,
    { row, column, cause: error },
  );
}
