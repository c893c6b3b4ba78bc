import { RowportError, RowportErrorCode, at, invalidOption } from '../errors.js';
import { checkNotGettersOnly, readFailed } from '../sources/rowShape.js';
import type { Column, ColumnSpec, ColumnType } from '../types.js';
import { type Getter, compileIndex, compilePath } from './path.js';
import { optionKeys, ownOptions, ownProperties } from '../base/optionKeys.js';
import { orderedKeys } from '../base/keyOrder.js';

/** Column types, for checks and messages. */
export const COLUMN_TYPES: readonly ColumnType[] = ['string', 'integer', 'decimal', 'percent', 'date', 'datetime', 'boolean', 'url'];

/** A column with everything defaulted and its reader compiled. */
export interface ResolvedColumn {
  readonly key: string;
  readonly header: string;
  readonly type: ColumnType | undefined;
  readonly numFmt: string | undefined;
  readonly width: number | undefined;
  /** Reads the value of this column from a row. Throws `ROWPORT_INVALID_VALUE` if a computed column throws. */
  readonly read: (row: unknown, index: number) => unknown;
  /** The column has a `value()`: its key need not be on the rows. */
  readonly computed: boolean;
}

/** The keys of a column object that every writer takes; a writer with more (XLSX styles, formulas) adds its own. */
export const COLUMN_OPTION_KEYS: Record<keyof Column, true> = { key: true, header: true, value: true, type: true, numFmt: true, width: true };
const COLUMN_KEYS = optionKeys<Column>(COLUMN_OPTION_KEYS);

/**
 * Checks and normalises `columns` once, at option time. The result still needs the first row
 * (object or array rows?) to become readers; see {@link bindColumns}.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION`.
 */
export function normaliseColumns<T>(
  columns: readonly ColumnSpec<T>[] | undefined,
  option = 'columns',
  known: ReadonlySet<string> = COLUMN_KEYS,
): Column<T>[] | undefined {
  if (columns === undefined) return undefined;
  if (!Array.isArray(columns)) throw invalidOption(option, 'an array of keys or column objects', columns);
  const seen = new Set<string>();
  return columns.map((spec, i) => {
    const name = `${option}[${i}]`;
    if (typeof spec !== 'string' && (spec === null || typeof spec !== 'object')) throw invalidOption(name, 'a key or a column object', spec);
    // own properties only, in a copy: an inherited `value` or `type` is never read
    const column: Column<T> = typeof spec === 'string' ? ownProperties({ key: spec }) : ownOptions(spec, known, `${name}.`);
    if (typeof column.key !== 'string' || column.key === '') throw invalidOption(`${name}.key`, 'a non-empty string', column.key);
    if (seen.has(column.key)) throw invalidOption(`${name}.key`, 'a key not used by another column', column.key);
    seen.add(column.key);
    if (column.header !== undefined && typeof column.header !== 'string') throw invalidOption(`${name}.header`, 'a string', column.header);
    if (column.value !== undefined && typeof column.value !== 'function') throw invalidOption(`${name}.value`, 'a function', column.value);
    if (column.type !== undefined && !COLUMN_TYPES.includes(column.type)) {
      throw invalidOption(`${name}.type`, COLUMN_TYPES.map((t) => `'${t}'`).join(', '), column.type);
    }
    if (column.numFmt !== undefined && (typeof column.numFmt !== 'string' || column.numFmt === '')) {
      throw invalidOption(`${name}.numFmt`, 'a non-empty string', column.numFmt);
    }
    if (column.width !== undefined && !(typeof column.width === 'number' && column.width > 0 && column.width <= 255)) {
      throw invalidOption(`${name}.width`, 'a number of characters from 1 to 255', column.width);
    }
    return column;
  });
}

/**
 * Turns columns into readers for the actual rows. Without columns, the first row decides: an
 * object's own keys in order, or an array's positions (then `header` names are the positions).
 * @param columns - From {@link normaliseColumns}.
 * @param firstRow - The first row, or undefined for an empty source.
 */
export function bindColumns<T>(columns: readonly Column<T>[] | undefined, firstRow: unknown): ResolvedColumn[] {
  const arrayRows = Array.isArray(firstRow);
  if (columns === undefined) {
    if (firstRow === undefined || firstRow === null || typeof firstRow !== 'object') return [];
    // Array.from, not map: map skips the holes of `[1, , 3]`, and a hole is an empty cell like undefined.
    if (arrayRows) return Array.from({ length: (firstRow as unknown[]).length }, (_, i) => plain(String(i), String(i), compileIndex(i)));
    let keys: string[];
    try {
      keys = orderedKeys(firstRow); // a CSV header's order, which `Object.keys` loses for `2023`
    } catch (error) {
      throw readFailed(error, 0, undefined); // a Proxy whose ownKeys trap throws
    }
    if (keys.length === 0) checkNotGettersOnly(firstRow);
    return keys.map((key) => plain(key, key, compilePath(key, true)));
  }
  return columns.map((column, position) => {
    const { key, value } = column;
    let read: (row: unknown, index: number) => unknown;
    if (value) {
      read = (row, index) => {
        try {
          return value(row as T, index);
        } catch (error) {
          throw new RowportError(
            RowportErrorCode.InvalidValue,
            `${at(index, key)}the column's value() threw: ${error instanceof Error ? error.message : String(error)}`,
            { row: index, column: key, cause: error },
          );
        }
      };
    } else if (arrayRows) {
      read = compileIndex(/^\d+$/.test(key) ? Number(key) : position);
    } else {
      read = compilePath(key, firstRow !== null && typeof firstRow === 'object' && Object.hasOwn(firstRow, key));
    }
    return {
      key,
      header: column.header ?? key,
      type: column.type,
      numFmt: column.numFmt,
      width: column.width,
      read,
      computed: value !== undefined,
    };
  });
}

// --- internal ---

function plain(key: string, header: string, read: Getter): ResolvedColumn {
  return { key, header, type: undefined, numFmt: undefined, width: undefined, read, computed: false };
}
