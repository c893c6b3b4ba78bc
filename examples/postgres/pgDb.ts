import pg from 'pg';
import QueryStream from 'pg-query-stream';
import { type Db, DbUnavailableError, type QueryOptions, type Row, type SqlParam } from '../analytics/db.js';
import { CUSTOM_QUERY_ROLE } from './customQueryRole.js';

/** Options of {@link pgDb}. */
export interface PgDbOptions {
  /** Rows fetched per round trip by the cursor. @default 500 */
  readonly batchSize?: number;
  /**
   * The role a `readOnly` (custom) query runs as, through `SET LOCAL ROLE`, whatever role the pool
   * logs in with (see `createCustomQueryRole`). @default 'rowport_custom_query'
   */
  readonly customQueryRole?: string;
}

/** A {@link Db} over a `pg` pool, with a count of open cursors. */
export interface PgDb extends Db {
  readonly dialect: 'postgres';
  readonly pool: pg.Pool;
  /** Cursors opened by `query` and not yet closed; 0 when every one was. */
  readonly openCursors: number;
}

/**
 * Type parsers that keep every value exact and every calendar date on its day:
 * - `int8` → `bigint` (a JavaScript number would round past 2^53; rowport writes bigints exactly,
 *   and in XLSX as number cells when a double holds their digits, else as exact text cells);
 * - `numeric` → the decimal string as PostgreSQL wrote it (`'12345678901234.5678'`; rowport writes it
 *   as is in CSV, and in XLSX as a number cell when a double holds its digits, else as exact text);
 * - `date` → `'YYYY-MM-DD'` (pg's default makes a local-midnight `Date`, which a time zone then
 *   shifts to the day before; rowport never shifts a `'YYYY-MM-DD'` string);
 * - `timestamptz` → `Date` (an instant; rowport renders it in the export's `timeZone`).
 */
export const EXACT_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (format === 'binary') return pg.types.getTypeParser(oid, 'binary') as (value: string) => unknown;
    switch (oid) {
      case pg.types.builtins.INT8:
        return (value) => BigInt(value);
      case pg.types.builtins.NUMERIC:
      case pg.types.builtins.DATE:
        return (value) => value;
      default:
        return pg.types.getTypeParser(oid, 'text') as (value: string) => unknown;
    }
  },
};

/**
 * Wraps a `pg` pool as a {@link Db}. `query` checks a client out when iteration starts, reads
 * through a server-side cursor (`pg-query-stream`, `batchSize` rows per round trip, never the
 * whole result), and on the last row, an early stop (`return()`) or an error closes the cursor
 * and gives the client back. `?` placeholders become `$1, $2, …`.
 *
 * `readOnly` runs the query in a `BEGIN READ ONLY` transaction (PostgreSQL refuses any write in it,
 * data-modifying CTEs included, with SQLSTATE 25006), as the `customQueryRole` (`SET LOCAL ROLE`:
 * `SELECT` on the analytics tables only, see `createCustomQueryRole`), rolled back at the end;
 * `timeoutMs` sets `statement_timeout` for that transaction only (`SET LOCAL`).
 * @example
 * const db = pgDb(new pg.Pool({ connectionString: process.env.DATABASE_URL, types: EXACT_TYPES }));
 */
export function pgDb(pool: pg.Pool, options: PgDbOptions = {}): PgDb {
  const { batchSize = 500, customQueryRole = CUSTOM_QUERY_ROLE } = options;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(customQueryRole)) throw new TypeError(`Invalid option \`customQueryRole\`: expected a lowercase role name, got ${JSON.stringify(customQueryRole)}`);
  const guard = (client: pg.PoolClient, options: QueryOptions) => begin(client, options, customQueryRole);
  let open = 0;
  const connect = async (): Promise<pg.PoolClient> => {
    try {
      return await pool.connect();
    } catch (error) {
      const where = pool.options.connectionString ? new URL(pool.options.connectionString) : undefined;
      const host = where?.hostname || pool.options.host || 'localhost';
      const port = where?.port || pool.options.port || 5432;
      throw new DbUnavailableError(`PostgreSQL is unreachable at ${host}:${port}: ${(error as Error).message || (error as { code?: string }).code}`, { cause: error });
    }
  };
  return {
    dialect: 'postgres',
    pool,
    get openCursors() {
      return open;
    },
    query<T extends Row = Row>(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): AsyncIterable<T> {
      return {
        async *[Symbol.asyncIterator]() {
          const client = await connect();
          let guarded: boolean;
          try {
            guarded = await guard(client, options);
          } catch (error) {
            client.release(error as Error);
            throw error;
          }
          const stream = client.query(new QueryStream(numbered(sql), [...params], { batchSize, types: EXACT_TYPES }));
          open++;
          let failure: Error | undefined;
          try {
            for await (const row of stream) yield row as T;
          } catch (error) {
            failure = error as Error;
            throw error;
          } finally {
            // Destroying the stream closes the portal (pg-cursor `close`); wait for it before the client goes back.
            if (!stream.destroyed) await new Promise<void>((resolve) => stream.once('close', resolve).destroy());
            open--;
            if (guarded) await client.query('ROLLBACK').catch((error: Error) => (failure ??= error)); // read only: nothing to keep
            client.release(failure); // a failed client is discarded, not reused
          }
        },
      };
    },
    async columnsOf(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): Promise<string[]> {
      const client = await connect();
      let guarded = false;
      try {
        guarded = await guard(client, options);
        const result = await client.query({ text: `SELECT * FROM (${numbered(sql)}) AS q LIMIT 0`, values: [...params] });
        return result.fields.map((field) => field.name);
      } finally {
        if (guarded) await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** A pool with {@link EXACT_TYPES} and the session time zone set to UTC. */
export function createPool(connectionString: string, config: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, types: EXACT_TYPES, options: '-c TimeZone=UTC', connectionTimeoutMillis: 5_000, ...config });
  // An idle client whose server went away emits 'error' on the pool; without a listener the process would crash.
  pool.on('error', () => undefined);
  return pool;
}

// --- internal ---

/**
 * Opens a `READ ONLY` transaction with a `statement_timeout` when the options ask for either, and
 * for `readOnly` switches to `role` for it (`SET LOCAL ROLE`); true if it did.
 */
async function begin(client: pg.PoolClient, { readOnly = false, timeoutMs }: QueryOptions, role: string): Promise<boolean> {
  if (!readOnly && timeoutMs === undefined) return false;
  await client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
  // A SELECT (not SET LOCAL) so the transaction has run a query: from here on PostgreSQL refuses
  // `SET TRANSACTION READ WRITE` ("must be called before any query").
  if (timeoutMs !== undefined) await client.query("SELECT set_config('statement_timeout', $1, true)", [String(Math.max(1, Math.floor(timeoutMs)))]);
  else await client.query("SELECT current_setting('statement_timeout')");
  if (readOnly) await client.query(`SET LOCAL ROLE ${role}`); // SELECT on the analytics tables only, whoever logged in
  return true;
}

/** `?` → `$1, $2, …`, outside quoted strings and identifiers. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (match) => (match === '?' ? `$${++n}` : match));
}
