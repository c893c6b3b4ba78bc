/** A compiled property read: `'a'` or a dot path `'student.name'`. */
export type Getter = (row: unknown) => unknown;

/**
 * Compiles a key once. A key with dots reads nested objects, unless `literal` says the first row
 * has a property with that exact dotted name. A name that `Object.prototype` has (`constructor`,
 * `toString`, `__proto__`, …) is read only when the row has it as its own property, so a row
 * without it gives an empty cell, never the inherited function or prototype.
 */
export function compilePath(key: string, literal = false): Getter {
  if (literal || !key.includes('.')) return compileKey(key);
  const parts = key.split('.');
  if (parts.length === 2 && !parts.some(isInherited)) {
    const [a, b] = parts as [string, string];
    return (row) => {
      const inner = row == null ? undefined : (row as Record<string, unknown>)[a];
      return inner == null ? undefined : (inner as Record<string, unknown>)[b];
    };
  }
  const steps = parts.map(compileKey);
  return (row) => {
    let value: unknown = row;
    for (let i = 0; i < steps.length && value != null; i++) value = (steps[i] as Getter)(value);
    return value ?? undefined;
  };
}

/** Reads position `index` of an array row. */
export function compileIndex(index: number): Getter {
  return (row) => (Array.isArray(row) ? row[index] : undefined);
}

/**
 * Sets `key` on a plain object as an own data property: `out.__proto__ = v` would change the
 * object's prototype instead.
 */
export function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** True for the names every plain object inherits from `Object.prototype`. */
export function isInherited(key: string): boolean {
  return key in Object.prototype;
}

// --- internal ---

function compileKey(key: string): Getter {
  if (isInherited(key)) return (row) => (row != null && Object.hasOwn(row as object, key) ? (row as Record<string, unknown>)[key] : undefined);
  return (row) => (row == null ? undefined : (row as Record<string, unknown>)[key]);
}
