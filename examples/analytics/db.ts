/**
 * The one thing the analytics service needs from a database: a query read row by row from a
 * cursor. Adapters: `sqljs.ts` (SQLite in WebAssembly, the demo's embedded default) and
 * `../postgres/pgDb.ts` (PostgreSQL through `pg` + `pg-query-stream`).
 */

/** A value bound to a `?` placeholder. */
export type SqlParam = string | number | bigint | boolean | Date | null;

/** One result row, keyed by column name. */
export type Row = Record<string, unknown>;

/** How one query runs. The service sets these for custom (user-written) queries. */
export interface QueryOptions {
  /**
   * Run the query on a read-only connection, so the database itself refuses any write
   * (PostgreSQL: a `READ ONLY` transaction; SQLite: `PRAGMA query_only`).
   * @default false
   */
  readonly readOnly?: boolean;
  /** Cancel the query when it runs longer than this (PostgreSQL: `statement_timeout`). */
  readonly timeoutMs?: number;
  /**
   * The export was stopped: a query that does not let its connection go soon after (a database that
   * stopped answering, with a read in flight) has its connection cut (PostgreSQL), so that neither
   * the export nor the connection waits for the database to answer again.
   */
  readonly signal?: AbortSignal | undefined;
}

export interface Db {
  /** Which SQL the adapter speaks; the service writes portable SQL with `?` placeholders. */
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs a query and yields its rows one at a time from a cursor, never the whole result.
   * Stopping early (`break`, an error, a destroyed export stream) calls `return()`, which closes
   * the cursor. Nothing runs until iteration starts.
   */
  query<T extends Row = Row>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): AsyncIterable<T>;
  /**
   * The column names a query would return, without reading its rows; throws for invalid SQL.
   * Lets callers reject a bad query or an unknown column before any byte is written.
   */
  columnsOf(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<string[]>;
  /** Releases the database (connection pool, WebAssembly memory). */
  close(): Promise<void>;
}

/**
 * The database cannot be reached (connection refused, timed out, lost). Transient: a queue may
 * retry it; an HTTP server answers 503.
 */
export class DbUnavailableError extends Error {
  override readonly name = 'DbUnavailableError';
  readonly code = 'DB_UNAVAILABLE';
}

/**
 * The database is reachable but not set up for the service (PostgreSQL: the role custom queries
 * run as is missing, see `createCustomQueryRole`). Not the caller's query and not transient: a
 * retry fails the same way; an HTTP server answers 500.
 */
export class DbConfigError extends Error {
  override readonly name = 'DbConfigError';
  readonly code = 'DB_MISCONFIGURED';
}

/** The first row of a query, or undefined; the cursor is closed straight after. */
export async function queryOne<T extends Row = Row>(db: Db, sql: string, params: readonly SqlParam[] = [], options?: QueryOptions): Promise<T | undefined> {
  for await (const row of db.query<T>(sql, params, options)) return row;
  return undefined;
}
