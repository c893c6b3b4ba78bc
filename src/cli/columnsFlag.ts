import { COLUMN_TYPES } from '../columns/resolveColumns.js';
import type { Column, ColumnType } from '../types.js';
import { UsageError } from './usageError.js';

/**
 * Parses `--columns 'id,name:Student Name,score:decimal'`: comma-separated columns, each
 * `key`, `key:type`, `key:header` or `key:header:type`. A second part that is one lower-case word
 * (`decimal`, `datetime`, `nosuchtype`) is a type and must be one of `string integer decimal
 * percent date datetime boolean`, so a misspelt type is an error rather than a header; any other
 * second part is a header, and `key:header:` forces a header that is one lower-case word.
 * `\,` and `\:` are a literal comma and colon.
 * @throws {UsageError} for an empty key or an unknown type.
 * @example
 * parseColumnsFlag('id,name:Student Name,score:decimal');
 * //=> [{ key: 'id' }, { key: 'name', header: 'Student Name' }, { key: 'score', type: 'decimal' }]
 */
export function parseColumnsFlag(spec: string): Column[] {
  const columns = splitEscaped(spec, ',', false).map((item, i) => {
    const [key = '', second, third, ...rest] = splitEscaped(item, ':', true);
    const where = `--columns item ${i + 1} (${JSON.stringify(item)})`;
    if (key.trim() === '') throw new UsageError(`${where}: the key is empty`);
    if (rest.length > 0) throw new UsageError(`${where}: expected key, key:type, key:header or key:header:type (escape a colon as \\:)`);
    const column: { key: string; header?: string; type?: ColumnType } = { key: key.trim() };
    if (third !== undefined) {
      if (second) column.header = second;
      if (third !== '') column.type = checkType(third.trim(), where);
    } else if (second !== undefined) {
      if (TYPE_LIKE.test(second.trim()))
        column.type = checkType(second.trim(), where, `; for a header ${JSON.stringify(second)}, write ${key.trim()}:${second}:`);
      else if (second !== '') column.header = second;
    }
    return column;
  });
  const seen = new Set<string>();
  for (const { key } of columns) {
    if (seen.has(key)) throw new UsageError(`--columns: the key ${JSON.stringify(key)} appears twice`);
    seen.add(key);
  }
  return columns;
}

/**
 * Parses `--types 'created_at:datetime,total:decimal'`: comma-separated `key:type` pairs, with the
 * escapes of `--columns`. The columns named get a type; every other column is kept as it is.
 * @throws {UsageError} for an empty key, a missing or unknown type, or a key given twice.
 * @example
 * parseTypesFlag('created_at:datetime,total:decimal');
 * //=> Map { 'created_at' => 'datetime', 'total' => 'decimal' }
 */
export function parseTypesFlag(spec: string): Map<string, ColumnType> {
  const types = new Map<string, ColumnType>();
  splitEscaped(spec, ',', false).forEach((item, i) => {
    const parts = splitEscaped(item, ':', true);
    const where = `--types item ${i + 1} (${JSON.stringify(item)})`;
    const [key = '', type] = parts;
    if (key.trim() === '') throw new UsageError(`${where}: the key is empty`);
    if (parts.length !== 2 || type === undefined) throw new UsageError(`${where}: expected key:type, with a type of ${COLUMN_TYPES.join(', ')}`);
    if (types.has(key.trim())) throw new UsageError(`--types: the key ${JSON.stringify(key.trim())} appears twice`);
    types.set(key.trim(), checkType(type.trim(), where));
  });
  return types;
}

// --- internal ---

/** A second part that reads as a type name (one lower-case word) is taken as a type. */
const TYPE_LIKE = /^[a-z][a-z0-9_-]*$/;

function isType(text: string): boolean {
  return (COLUMN_TYPES as readonly string[]).includes(text);
}

function checkType(text: string, where: string, hint = ''): ColumnType {
  if (!isType(text)) throw new UsageError(`${where}: unknown type ${JSON.stringify(text)}; expected one of ${COLUMN_TYPES.join(', ')}${hint}`);
  return text as ColumnType;
}

/**
 * Splits on `separator`, honouring backslash escapes (`\,` `\:` `\\`). With `unescapes` false,
 * escapes of other characters are kept for the next split.
 */
function splitEscaped(text: string, separator: string, unescapes: boolean): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '\\' && i + 1 < text.length) {
      const next = text[++i] as string;
      current += unescapes || next === separator ? next : `\\${next}`;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
