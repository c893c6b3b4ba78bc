import { RowportError, RowportErrorCode, at, describe } from '../errors.js';

/**
 * Text of an object or array value: JSON. Buffers and typed arrays are base64.
 * @throws {RowportError} `ROWPORT_INVALID_VALUE` for what JSON cannot hold (cycles, bigints inside).
 */
export function objectText(value: object, row: number, column: string): string {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  try {
    return JSON.stringify(value, bigintReplacer) ?? '';
  } catch (error) {
    throw new RowportError(RowportErrorCode.InvalidValue, `${at(row, column)}cannot write ${describe(value)} as JSON text`, {
      row,
      column,
      cause: error,
    });
  }
}

/** `ROWPORT_INVALID_VALUE` for a value no cell can hold (a function, a symbol). */
export function invalidValue(value: unknown, row: number, column: string): RowportError {
  return new RowportError(RowportErrorCode.InvalidValue, `${at(row, column)}cannot write ${describe(value)}`, { row, column });
}

/** Text of a non-finite number, the same in every writer that writes text. */
export function nonFiniteText(value: number): string {
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

// --- internal ---

function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
