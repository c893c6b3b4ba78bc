import type { ResolvedColumn } from './resolveColumns.js';

/**
 * The keys of given columns that no object row read so far has (a typo: `columns: ['nmae']` writes
 * an empty column). Made from the first row, it keeps only the keys that row lacks; `observe` then
 * looks for just those on later rows and drops each one found, so once every key was seen it costs
 * nothing. Computed columns (`value()`) need no key on the rows and are never tracked.
 */
export class MissingKeys {
  private constructor(private readonly keys: string[]) {}

  /**
   * @param columns - The bound columns.
   * @param given - `columns` was an option (else the keys came from the first row itself).
   * @returns Undefined when there is nothing to look for: keys from the row, array rows, no row,
   *   or every key on the first row.
   */
  static track(columns: readonly ResolvedColumn[], given: boolean, firstRow: unknown): MissingKeys | undefined {
    if (!given || firstRow === null || typeof firstRow !== 'object' || Array.isArray(firstRow)) return undefined;
    const keys = columns.filter((column) => !column.computed && !hasKey(firstRow, column.key)).map((column) => column.key);
    return keys.length === 0 ? undefined : new MissingKeys(keys);
  }

  /** True while some key was on no row. */
  get pending(): boolean {
    return this.keys.length > 0;
  }

  /** Drops the keys `row` has. */
  observe(row: unknown): void {
    if (row === null || typeof row !== 'object') return;
    const keys = this.keys;
    for (let i = keys.length - 1; i >= 0; i--) {
      if (hasKey(row, keys[i] as string)) keys.splice(i, 1);
    }
  }

  /** The keys on none of the rows read, in column order. */
  get missing(): readonly string[] {
    return this.keys;
  }
}

/** The row has `key` as an own property, or (for a dot path) the nested path ends on an own property. */
function hasKey(row: object, key: string): boolean {
  if (Object.hasOwn(row, key)) return true;
  if (!key.includes('.')) return false;
  let value: unknown = row;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return false;
    value = (value as Record<string, unknown>)[part];
  }
  return true;
}

/** The warning's message for a missing key. */
export function missingKeyMessage(key: string, rows: number): string {
  return (
    `column ${JSON.stringify(key)} is on none of the ${rows} rows read, so it is empty; ` +
    "check the key's spelling (a dot path reads nested objects), or give the column a value()"
  );
}
