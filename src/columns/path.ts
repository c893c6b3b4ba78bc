import { isInherited } from '../sources/rowShape.js';

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

// --- internal ---

function compileKey(key: string): Getter {
  if (isInherited(key)) return (row) => (row != null && Object.hasOwn(row as object, key) ? (row as Record<string, unknown>)[key] : undefined);
  return (row) => (row == null ? undefined : (row as Record<string, unknown>)[key]);
}
