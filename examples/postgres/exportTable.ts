import { type ColumnType, type DateFormat, type ProgressInfo, exportFileName, toCsv, toXlsx } from 'rowport';
import { AnalyticsError, AnalyticsErrorCode } from '../analytics/errors.js';
import { CSV_TYPE, type ExportResult, XLSX_TYPE } from '../analytics/service.js';
import type { PgDb } from './pgDb.js';

/** Options of {@link exportTable}. */
export interface ExportTableOptions {
  /** @default 'csv' */
  readonly format?: 'csv' | 'xlsx';
  /** Columns to write, in order. @default every column of the table */
  readonly columns?: readonly string[];
  /** Zone `timestamptz` values are written in. `date` columns never move. @default 'UTC' */
  readonly timeZone?: string;
  /** @default 'iso' */
  readonly dateFormat?: DateFormat;
  /** Ordering, as column names. @default the primary key order PostgreSQL picks (none) */
  readonly orderBy?: readonly string[];
  readonly onProgress?: (progress: ProgressInfo) => void;
  readonly signal?: AbortSignal;
}

/**
 * Streams a whole PostgreSQL table to CSV or XLSX with the right type per column, read from its
 * catalogue: `int2/int4/int8` integer (int8 as exact bigints), `numeric` decimal (exact text),
 * `real/double` decimal, `date` date (never shifted), `timestamptz` datetime (in `timeZone`),
 * `timestamp` datetime (its wall clock, as stored), `boolean` boolean, anything else text. The
 * table and columns are checked before any byte.
 * @example
 * const { stream, fileName } = await exportTable(db, 'metrics', { format: 'xlsx', timeZone: 'Europe/Paris' });
 */
export async function exportTable(db: PgDb, table: string, options: ExportTableOptions = {}): Promise<ExportResult> {
  const { format = 'csv', timeZone, dateFormat, onProgress, signal } = options;
  const catalogue: { name: string; type: string }[] = [];
  const [schema, name] = table.includes('.') ? table.split('.', 2) : ['public', table];
  for await (const row of db.query<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position',
    [schema as string, name as string],
  )) {
    catalogue.push({ name: row.column_name, type: row.data_type });
  }
  if (catalogue.length === 0) throw new AnalyticsError(AnalyticsErrorCode.InvalidQuery, `Unknown table ${JSON.stringify(table)}`);
  const known = new Map(catalogue.map((c) => [c.name, c]));
  const pick = (names: readonly string[] | undefined, option: string) =>
    (names ?? catalogue.map((c) => c.name)).map((column) => {
      const found = known.get(column);
      if (!found)
        throw new AnalyticsError(
          AnalyticsErrorCode.UnknownColumn,
          `Unknown column ${JSON.stringify(column)} in \`${option}\`: ${table} has ${catalogue.map((c) => c.name).join(', ')}`,
        );
      return found;
    });
  const chosen = pick(options.columns, 'columns');
  const order = options.orderBy ? pick(options.orderBy, 'orderBy') : [];
  const ident = (id: string) => `"${id.replace(/"/g, '""')}"`;
  const sql = `SELECT ${chosen.map((c) => ident(c.name)).join(', ')} FROM ${ident(schema as string)}.${ident(name as string)}${order.length ? ` ORDER BY ${order.map((c) => ident(c.name)).join(', ')}` : ''}`;
  const columns = chosen.map((c) => ({ key: c.name, type: columnType(c.type) }));
  const rows = db.query(sql);
  const shared = {
    columns,
    ...(timeZone ? { timeZone } : {}),
    ...(dateFormat ? { dateFormat } : {}),
    ...(onProgress ? { onProgress } : {}),
    ...(signal ? { signal } : {}),
  };
  if (format === 'xlsx') {
    return {
      stream: toXlsx(rows, { ...shared, sheetName: name as string }),
      fileName: exportFileName(name as string, 'xlsx'),
      contentType: XLSX_TYPE,
      total: undefined,
    };
  }
  return { stream: toCsv(rows, shared), fileName: exportFileName(name as string, 'csv'), contentType: `${CSV_TYPE}; charset=utf-8`, total: undefined };
}

/** rowport's column type for a PostgreSQL `information_schema` data type. */
export function columnType(dataType: string): ColumnType | undefined {
  switch (dataType) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return 'integer';
    case 'numeric':
    case 'real':
    case 'double precision':
      return 'decimal';
    case 'date':
      return 'date';
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return 'datetime';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}
