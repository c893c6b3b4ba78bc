import { RowportError, RowportErrorCode, at, describe } from '../errors.js';

// What a row may be, and how its properties are read and written: shared by the writers and the
// composable pieces (selectColumns, formatDates).

/**
 * Checks that a row is an object or an array and, when `arrays` is given, the same kind as the
 * first row: columns bound to keys read nothing from an array, and positions nothing from an object.
 */
export function checkRow(row: unknown, index: number, arrays?: boolean): void {
  if (row === null || typeof row !== 'object') {
    throw new RowportError(RowportErrorCode.InvalidValue, `${at(index, undefined)}expected an object or an array, got ${describe(row)}`, {
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
