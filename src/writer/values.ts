import { RowportError, RowportErrorCode, at, describe, isThenable, notAwaited } from '../errors.js';
import { base64, isArrayBuffer } from '../platform/bytes.js';
import { isDate } from '../base/isDate.js';

/**
 * Text of an object or array value, the same in every writer:
 * - plain objects and arrays: JSON (bigints inside as their digits);
 * - `Buffer`, `Uint8Array`, `ArrayBuffer`, `DataView`: base64 of the bytes; other typed arrays: a JSON array of their numbers;
 * - `Map`: a JSON array of `[key, value]` pairs (keys need not be strings); `Set`: a JSON array;
 * - `RegExp`: its source text, `/ab+c/gi`;
 * - an object whose `toJSON()` gives a string (a `URL`, a Decimal.js or Big.js number, a dayjs or
 *   luxon date, a MongoDB `ObjectId`), or a `String` object: that string, without JSON's quotes;
 * - an `Error` is refused: write `error.message` (or what you need of it) yourself; so is a Promise (thenable).
 * The same rules apply to values nested inside objects and arrays, where also: a `Date` is its ISO 8601
 * instant in UTC; `undefined` is left out of an object and `null` in an array (JSON's rule); and a
 * function, symbol, NaN, ±Infinity, `WeakMap`, `WeakSet` or `WeakRef` is refused, as JSON would drop or change it.
 * @throws {RowportError} `ROWPORT_INVALID_VALUE` for what JSON cannot hold (an `Error`, a cycle, the above),
 *   `ROWPORT_INVALID_DATE` for an invalid `Date` inside; each naming the row and column.
 */
export function objectText(value: object, row: number, column: string): string {
  if (value instanceof Uint8Array) return base64(value);
  if (isArrayBuffer(value)) return base64(new Uint8Array(value));
  if (value instanceof DataView) return base64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  if (value instanceof RegExp) return String(value);
  if (isThenable(value)) throw notAwaited(value, row, column);
  if (value instanceof Error) {
    throw new RowportError(
      RowportErrorCode.InvalidValue,
      `${at(row, column)}cannot write an Error object; write its message (or what you need of it) instead`,
      {
        row,
        column,
        cause: value,
      },
    );
  }
  try {
    const json = JSON.stringify(value, jsonReplacer) ?? '';
    // A value whose JSON is a string (its `toJSON()` gives one, or a `String` object) is that string, not its quoted literal.
    return json.charCodeAt(0) === 34 ? (JSON.parse(json) as string) : json;
  } catch (error) {
    if (error instanceof RowportError) throw new RowportError(error.code, `${at(row, column)}${error.message}`, { row, column, cause: error.cause });
    throw new RowportError(RowportErrorCode.InvalidValue, `${at(row, column)}cannot write ${describe(value)} as JSON text`, {
      row,
      column,
      cause: error,
    });
  }
}

/** `ROWPORT_INVALID_VALUE` for a value no cell can hold (a function, a symbol). */
export function invalidValue(value: unknown, row: number, column: string): RowportError {
  if (isThenable(value)) return notAwaited(value, row, column);
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

/** JSON.stringify's replacer: `this` is the holder, so `this[key]` is the value before `toJSON` (a Buffer's, a Date's). */
function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      if (!Number.isFinite(value)) throw nested(`${nonFiniteText(value)}: JSON has no such number; replace it (with null or a string) first`);
      return value;
    case 'function':
    case 'symbol':
      throw nested(`${describe(value)}: JSON would drop it`);
    case 'object': {
      const raw = key === '' ? value : (this as Record<string, unknown>)[key];
      if (value === null && !isDate(raw)) return value; // an invalid Date's toJSON() gives null
      return objectReplacement(raw, value);
    }
    default:
      return value;
  }
}

/** What an object inside a value is written as; `raw` is the value before its `toJSON`, `value` after it. */
function objectReplacement(raw: unknown, value: object | null): unknown {
  if (isThenable(raw)) throw notAwaited(raw);
  if (isDate(raw) && Number.isNaN(raw.getTime())) {
    throw new RowportError(RowportErrorCode.InvalidDate, 'cannot write an invalid Date inside a value');
  }
  if (raw instanceof Uint8Array) return base64(raw);
  if (raw instanceof DataView) return base64(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
  if (ArrayBuffer.isView(raw)) return Array.from(raw as unknown as ArrayLike<number | bigint>, (n) => (typeof n === 'bigint' ? n.toString() : n));
  if (isArrayBuffer(raw)) return base64(new Uint8Array(raw));
  if (value instanceof Map) return [...value];
  if (value instanceof Set) return [...value];
  if (value instanceof RegExp) return String(value);
  if (value instanceof Error) throw new RowportError(RowportErrorCode.InvalidValue, 'cannot write an Error object inside a value', { cause: value });
  if (value instanceof WeakMap || value instanceof WeakSet || value instanceof WeakRef) throw nested(`${describe(value)}: its contents cannot be read`);
  return value;
}

/** `ROWPORT_INVALID_VALUE` for a value inside an object or array; `objectText` adds the row and column. */
function nested(what: string): RowportError {
  return new RowportError(RowportErrorCode.InvalidValue, `cannot write ${what} inside a value`);
}
