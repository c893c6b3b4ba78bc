/** A compiled property read: `'a'` or a dot path `'student.name'`. */
export type Getter = (row: unknown) => unknown;

/**
 * Compiles a key once. A key with dots reads nested objects, unless `literal` says the first row
 * has a property with that exact dotted name.
 */
export function compilePath(key: string, literal = false): Getter {
  if (literal || !key.includes('.')) return (row) => (row == null ? undefined : (row as Record<string, unknown>)[key]);
  const parts = key.split('.');
  if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    return (row) => {
      const inner = row == null ? undefined : (row as Record<string, unknown>)[a];
      return inner == null ? undefined : (inner as Record<string, unknown>)[b];
    };
  }
  return (row) => {
    let value: unknown = row;
    for (let i = 0; i < parts.length && value != null; i++) value = (value as Record<string, unknown>)[parts[i] as string];
    return value ?? undefined;
  };
}

/** Reads position `index` of an array row. */
export function compileIndex(index: number): Getter {
  return (row) => (Array.isArray(row) ? row[index] : undefined);
}
