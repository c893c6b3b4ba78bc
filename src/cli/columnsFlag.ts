import { COLUMN_TYPES } from '../columns/resolveColumns.js';
import type { Column, ColumnType } from '../types.js';
import { UsageError } from './usageError.js';

/**
 * Parses `--columns 'id,name:Student Name,score:decimal'`: comma-separated columns, each
 * `key`, `key:type`, `key:header` or `key:header:type`. A second part that is a column type
 * (`string integer decimal percent date datetime boolean`) is the type; `key:header:` forces a
 * header that looks like a type. `\,` and `\:` are a literal comma and colon.
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
      if (isType(second.trim())) column.type = second.trim() as ColumnType;
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

// --- internal ---

function isType(text: string): boolean {
  return (COLUMN_TYPES as readonly string[]).includes(text);
}

function checkType(text: string, where: string): ColumnType {
  if (!isType(text)) throw new UsageError(`${where}: unknown type ${JSON.stringify(text)}; expected one of ${COLUMN_TYPES.join(', ')}`);
  return text as ColumnType;
}

/**
 * Splits on `separator`, honouring backslash escapes (`\,` `\:` `\\`). With `unescape` false,
 * escapes of other characters are kept for the next split.
 */
function splitEscaped(text: string, separator: string, unescape: boolean): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '\\' && i + 1 < text.length) {
      const next = text[++i] as string;
      current += unescape || next === separator ? next : `\\${next}`;
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
