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

/**
 * Text of a finite number, exactly as `String(value)` writes it (`-0` as `0`). `JSON.stringify`
 * writes the same digits, but unlike `String()` or a template it does not store the result in V8's
 * number-to-string cache, which keeps each new string alive through the next young-generation GC:
 * with millions of distinct numbers, that grew the young generation to its maximum (~20 MB RSS).
 */
export function numberText(value: number): string {
  return JSON.stringify(value);
}

/** Text of a non-finite number, the same in every writer that writes text. */
export function nonFiniteText(value: number): string {
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

// --- internal ---

function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
