import { RowportError, RowportErrorCode, at, describe, isRowportError } from '../errors.js';

// What a row may be, and how its properties are read and written: shared by the writers and the
// composable pieces (selectColumns, formatDates).

/**
 * Checks that a row is an object or an array, and, when `arrays` is given, the same kind as the
 * first row: columns bound to keys read nothing from an array, and positions nothing from an object.
 * Objects that hold no row values of their own (a Promise, a Map, a Date, bytes, …) are refused:
 * they would be written as empty rows, which readers skip. Plain objects and arrays take the fast path.
 */
export function checkRow(row: unknown, index: number, arrays?: boolean): void {
  if (row === null || typeof row !== 'object') throw notARow(index, describe(row));
  const array = Array.isArray(row);
  if (!array) {
    let proto: unknown;
    let kind: string | undefined;
    try {
      proto = Object.getPrototypeOf(row);
      if (proto !== Object.prototype && proto !== null) kind = notRowKind(row);
    } catch (error) {
      throw readFailed(error, index, undefined); // a Proxy trap of the row threw
    }
    if (kind !== undefined) throw notARow(index, kind);
  }
  if (arrays !== undefined && array !== arrays) {
    throw new RowportError(
      RowportErrorCode.InvalidValue,
      `${at(index, undefined)}expected ${arrays ? 'an array' : 'an object'} like the first row, got ${describe(row)}; rows of one export are all arrays or all objects`,
      { row: index },
    );
  }
}

/**
 * Refuses a first row without own enumerable keys whose class holds its values in getters (`get id()`
 * over a private field), or that holds them in properties that are not enumerable (such a row through
 * `formatDates`): columns bound to its keys would write every row empty, and readers skip empty lines.
 * A row that is no row (a Map, a Date, …) is refused as such first; a row without any value (`{}`) passes.
 * @throws {RowportError} `ROWPORT_INVALID_VALUE` at row 0, naming the getters to pass as `columns`.
 */
export function checkNotGettersOnly(first: object): void {
  checkRow(first, 0);
  let names: string[];
  try {
    names = [...new Set([...Object.getOwnPropertyNames(first), ...classGetters(first)])];
  } catch (error) {
    throw readFailed(error, 0, undefined); // a Proxy trap of the row threw
  }
  if (names.length === 0) return;
  const list = names.map((name) => `'${name}'`).join(', ');
  throw new RowportError(
    RowportErrorCode.InvalidValue,
    `${at(0, undefined)}the first row (${describe(first)}) has no own enumerable properties: its values are getters of its class, which are no columns by themselves; pass \`columns: [${list}]\``,
    { row: 0 },
  );
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

// --- internal ---

/** Built-in kinds whose values are not own properties, by their `Object.prototype.toString` tag. */
const NOT_ROWS: Readonly<Record<string, string>> = {
  '[object Map]': 'a Map; pass Object.fromEntries(map) for one row of its entries',
  '[object Set]': 'a Set; a row is an object or an array of its cells',
  '[object WeakMap]': 'a WeakMap',
  '[object WeakSet]': 'a WeakSet',
  '[object Date]': 'a Date; put it in a property of the row, { date }',
  '[object RegExp]': 'a RegExp',
  '[object Error]': 'an Error; write its message in a property of the row',
  '[object Number]': 'a Number object',
  '[object String]': 'a String object',
  '[object Boolean]': 'a Boolean object',
  '[object BigInt]': 'a BigInt object',
  '[object Symbol]': 'a Symbol object',
  '[object ArrayBuffer]': 'bytes (an ArrayBuffer); parse them first',
  '[object SharedArrayBuffer]': 'bytes (a SharedArrayBuffer); parse them first',
};

/** What `row` is when it cannot be a row (see {@link NOT_ROWS}, thenables, bytes), else undefined. */
function notRowKind(row: object): string | undefined {
  if (typeof (row as { then?: unknown }).then === 'function') {
    return 'a Promise (or another thenable): did you forget an await? `rows.map(async …)` gives promises; await Promise.all first, or yield from an async generator';
  }
  if (ArrayBuffer.isView(row)) return `bytes (${describe(row)}); parse them first`;
  return NOT_ROWS[Object.prototype.toString.call(row)];
}

/** The getters `row` inherits from its classes, base class first, up to `Object.prototype`. */
export function classGetters(row: object): string[] {
  const chain: object[] = [];
  for (
    let proto = Object.getPrototypeOf(row) as object | null;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    chain.unshift(proto);
  }
  const names = new Set<string>();
  for (const proto of chain) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== '__proto__' && typeof Object.getOwnPropertyDescriptor(proto, name)?.get === 'function') names.add(name);
    }
  }
  return [...names];
}

function notARow(index: number, got: string): RowportError {
  return new RowportError(RowportErrorCode.InvalidValue, `${at(index, undefined)}expected an object or an array as a row, got ${got}`, { row: index });
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
