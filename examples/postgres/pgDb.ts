import pg from 'pg';
import QueryStream from 'pg-query-stream';
import { type Db, DbConfigError, DbUnavailableError, type QueryOptions, type Row, type SqlParam } from '../analytics/db.js';
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

/** The type OIDs of the arrays {@link EXACT_TYPES} reads as text (`pg.types.builtins` names no arrays). */
const ARRAY_OIDS: Readonly<Record<'text' | 'numeric' | 'date' | 'timestamp', number>> = { text: 1009, numeric: 1231, date: 1182, timestamp: 1115 };

/**
 * Type parsers that keep every value exact and every calendar date on its day:
 * - `int8` → `bigint` (a JavaScript number would round past 2^53; rowport writes bigints exactly,
 *   and in XLSX as number cells when a double holds their digits, else as exact text cells);
 * - `numeric` → the decimal string as PostgreSQL wrote it (`'12345678901234.5678'`; rowport writes it
 *   as is in CSV, and in XLSX as a number cell when a double holds its digits, else as exact text);
 * - `date` → `'YYYY-MM-DD'` (pg's default makes a local-midnight `Date`, which a time zone then
 *   shifts to the day before; rowport never shifts a `'YYYY-MM-DD'` string);
 * - `timestamp` (without time zone) → its text (`'2024-01-15 10:00:00'`, a wall-clock time: pg's
 *   default reads it in the host's zone, which the export's `timeZone` then shifted again; rowport
 *   reads the text as that wall-clock time, so it is written as stored);
 * - `timestamptz` → `Date` (an instant; rowport renders it in the export's `timeZone`);
 * - arrays of `numeric`, `date` and `timestamp` → arrays of their text, for the same reasons (pg's
 *   defaults make doubles and host-zone `Date`s of their elements).
 */
export const EXACT_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (format === 'binary') return pg.types.getTypeParser(oid, 'binary') as (value: string) => unknown;
    switch (oid) {
      case pg.types.builtins.INT8:
        return (value) => BigInt(value);
      case pg.types.builtins.NUMERIC:
      case pg.types.builtins.DATE:
      case pg.types.builtins.TIMESTAMP:
        return (value) => value;
      case ARRAY_OIDS.numeric:
      case ARRAY_OIDS.date:
      case ARRAY_OIDS.timestamp:
        return pg.types.getTypeParser(ARRAY_OIDS.text, 'text') as (value: string) => unknown;
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
 * `timeoutMs` sets `statement_timeout` for that transaction only (`SET LOCAL`). Such a guarded query
 * reads through a cursor of its own (`DECLARE … CURSOR`, then `FETCH` `batchSize` rows at a time), so
 * the timeout counts the fetches' work in all, never the time the rows wait for a slow reader.
 * @example
 * const db = pgDb(new pg.Pool({ connectionString: process.env.DATABASE_URL, types: EXACT_TYPES }));
 */
export function pgDb(pool: pg.Pool, options: PgDbOptions = {}): PgDb {
  const { batchSize = 500, customQueryRole = CUSTOM_QUERY_ROLE } = options;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(customQueryRole))
    throw new TypeError(`Invalid option \`customQueryRole\`: expected a lowercase role name, got ${JSON.stringify(customQueryRole)}`);
  const guard = (client: pg.PoolClient, options: QueryOptions) => begin(client, options, customQueryRole);
  let open = 0;
  const connect = () => checkout(pool);
  const failed = (error: unknown, lost: Error | undefined) => unavailable(error, lost, `PostgreSQL connection to ${where(pool)} lost`);
  return {
    dialect: 'postgres',
    pool,
    get openCursors() {
      return open;
    },
    query<T extends Row = Row>(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): AsyncIterable<T> {
      return {
        async *[Symbol.asyncIterator]() {
          const checkout = await connect();
          const { client, lost, onLost, release } = checkout;
          const uncut = cutOnAbort(checkout, options.signal);
          let guarded: boolean;
          try {
            guarded = await guard(client, options);
          } catch (error) {
            uncut();
            release(error as Error);
            throw failed(error, lost());
          }
          // In a transaction, a cursor of its own: each FETCH is a statement, so `statement_timeout`
          // times the database's work alone, never the wait for a slow reader (a pg-query-stream
          // portal keeps one statement clock running from its first batch to its last).
          const stream = guarded
            ? undefined
            : client.query(closableStream(new QueryStream(numbered(sql), [...params], { batchSize, types: EXACT_TYPES }), lost, onLost));
          open++;
          let failure: Error | undefined;
          try {
            for await (const row of stream ?? fetched(client, sql, params, batchSize, options.timeoutMs)) yield row as T;
          } catch (error) {
            failure = error as Error;
            throw failed(error, lost());
          } finally {
            // Destroying the stream closes the portal (pg-cursor `close`); wait for it before the client goes back.
            // A guarded query's cursor closes with its transaction (the ROLLBACK below).
            if (stream && !stream.destroyed && !lost()) await new Promise<void>((resolve) => stream.once('close', resolve).destroy());
            else stream?.destroy();
            open--;
            if (guarded && !lost()) await client.query('ROLLBACK').catch((error: Error) => (failure ??= error)); // read only: nothing to keep
            uncut();
            release(failure);
          }
        },
      };
    },
    async columnsOf(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): Promise<string[]> {
      const checkout = await connect();
      const { client, lost, release } = checkout;
      const uncut = cutOnAbort(checkout, options.signal);
      let guarded = false;
      let failure: Error | undefined;
      try {
        guarded = await guard(client, options);
        const result = await client.query(oneStatement(`SELECT * FROM (${numbered(sql)}) AS q LIMIT 0`, params));
        return result.fields.map((field) => field.name);
      } catch (error) {
        failure = error as Error;
        throw failed(error, lost());
      } finally {
        if (guarded && !lost()) await client.query('ROLLBACK').catch((error: Error) => (failure ??= error));
        uncut();
        release(lost() ?? (isConnectionError(failure) ? failure : undefined));
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
 * `stream`, destroyable on a dead connection too: pg-cursor's portal close waits for a
 * `readyForQuery` that a lost connection never sends, which left `destroy()` (and the export) hanging.
 */
function closableStream(stream: QueryStream, lost: () => Error | undefined, onLost: (listener: () => void) => void): QueryStream {
  const closePortal = stream._destroy.bind(stream);
  stream._destroy = (error, callback) => {
    if (lost()) return callback(error);
    let done = false;
    const finish = (closeError?: Error | null) => {
      if (!done) callback(closeError ?? error);
      done = true;
    };
    onLost(() => finish());
    closePortal(error, finish);
  };
  return stream;
}

/** How long a query stopped by its signal has to let its connection go before the connection is cut. */
const CUT_AFTER_MS = 5_000;

/**
 * Once `signal` aborts, gives the query {@link CUT_AFTER_MS} to close its cursor and give the client
 * back; past that (the database stopped answering: a read, a portal close or a `ROLLBACK` that never
 * returns) destroys the connection's socket, which fails what waits on it, and the failed client is
 * discarded. Returns the function that ends the watch, once the client is given back.
 */
function cutOnAbort({ client }: Checkout, signal: AbortSignal | undefined): () => void {
  if (signal === undefined) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cut = () => {
    timer = setTimeout(() => client.connection.stream.destroy(), CUT_AFTER_MS);
    timer.unref();
  };
  if (signal.aborted) cut();
  else signal.addEventListener('abort', cut, { once: true });
  return () => {
    signal.removeEventListener('abort', cut);
    clearTimeout(timer);
  };
}

/** `host:port` of the pool's server, for messages. */
function where(pool: pg.Pool): string {
  const url = pool.options.connectionString ? new URL(pool.options.connectionString) : undefined;
  return `${url?.hostname || pool.options.host || 'localhost'}:${url?.port || pool.options.port || 5432}`;
}

interface Checkout {
  readonly client: pg.PoolClient;
  /** The connection's error, once it failed. */
  lost(): Error | undefined;
  /** Calls `listener` when the connection fails. */
  onLost(listener: () => void): void;
  release(failure?: Error): void;
}

/**
 * Checks a client out, with an 'error' listener for as long as it is out: a server that goes away
 * then fails the query (`lost()` says why), never the process. `release` discards a failed client.
 */
async function checkout(pool: pg.Pool): Promise<Checkout> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw unavailable(error, undefined, `PostgreSQL is unreachable at ${where(pool)}`);
  }
  let lost: Error | undefined;
  let listeners: (() => void)[] = [];
  const onError = (error: Error) => {
    lost ??= error;
    for (const listener of listeners.splice(0)) listener();
  };
  client.on('error', onError);
  return {
    client,
    lost: () => lost,
    onLost: (listener) => void listeners.push(listener),
    release(failure) {
      listeners = [];
      client.off('error', onError);
      client.release(failure ?? lost);
    },
  };
}

/**
 * The rows of `sql` through a cursor declared in the client's open transaction, `batchSize` rows
 * per `FETCH`. Each fetch is a statement of its own, so the wait for a slow reader between fetches
 * is never timed; `timeoutMs` bounds the database's time in all: `statement_timeout` cuts a fetch
 * that runs past it, and the fetches' time is added up, so the query stops (57014, as PostgreSQL's
 * own timeout) once their sum passes it. A fetch that starts within it may run to its own timeout.
 */
async function* fetched(
  client: pg.PoolClient,
  sql: string,
  params: readonly SqlParam[],
  batchSize: number,
  timeoutMs: number | undefined,
): AsyncGenerator<Row> {
  let spent = 0;
  const timed = async <R extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<pg.QueryResult<R>> => {
    if (timeoutMs !== undefined && spent > timeoutMs) throw statementTimeout(timeoutMs, spent);
    const start = Date.now();
    try {
      return await client.query<R>(query);
    } finally {
      spent += Date.now() - start;
    }
  };
  await timed(oneStatement(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${numbered(sql)}`, params));
  const fetch = { text: `FETCH FORWARD ${batchSize} FROM ${CURSOR}`, types: EXACT_TYPES };
  for (;;) {
    const { rows } = await timed<Row>(fetch);
    yield* rows;
    if (rows.length < batchSize) return;
  }
}

/** The error of a query whose fetches took longer than `timeoutMs` in all: SQLSTATE 57014, as `statement_timeout`'s. */
function statementTimeout(timeoutMs: number, spent: number): Error {
  const message = `canceling statement due to statement timeout: the query's fetches took ${spent} ms in all, over its ${timeoutMs} ms`;
  return Object.assign(new Error(message), { code: '57014' });
}

/**
 * A query that holds a client's SQL, sent on the extended protocol even without parameters, so
 * PostgreSQL runs one statement: pg sends a query without values on the simple protocol, which
 * would run `…; COMMIT; DROP TABLE …` as several, out of the READ ONLY transaction and its role.
 */
function oneStatement(text: string, params: readonly SqlParam[]): pg.QueryConfig {
  // `queryMode` (pg 8.12+) is not in @types/pg's QueryConfig
  return Object.assign({ text, values: [...params] }, { queryMode: 'extended' });
}

/** The name of a guarded query's cursor (one a transaction). */
const CURSOR = 'rowport_rows';

/**
 * Opens a `READ ONLY` transaction with a `statement_timeout` when the options ask for either, and
 * for `readOnly` switches to `role` for it (`SET LOCAL ROLE`); true if it did.
 */
async function begin(client: pg.PoolClient, { readOnly = false, timeoutMs }: QueryOptions, role: string): Promise<boolean> {
  if (!readOnly && timeoutMs === undefined) return false;
  await client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
  try {
    // A SELECT (not SET LOCAL) so the transaction has run a query: from here on PostgreSQL refuses
    // `SET TRANSACTION READ WRITE` ("must be called before any query").
    if (timeoutMs !== undefined) await client.query("SELECT set_config('statement_timeout', $1, true)", [String(Math.max(1, Math.floor(timeoutMs)))]);
    else await client.query("SELECT current_setting('statement_timeout')");
    if (readOnly) await client.query(`SET LOCAL ROLE ${role}`).catch((error: unknown) => Promise.reject(roleRefused(error, role))); // SELECT on the analytics tables only, whoever logged in
  } catch (error) {
    // Never give the client back inside the aborted transaction: every later query on it would
    // fail with "current transaction is aborted".
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return true;
}

/**
 * A {@link DbConfigError} for a `SET ROLE` the server refused: the role does not exist (a database
 * set up without `createCustomQueryRole`, SQLSTATE 22023) or the login role may not switch to it
 * (42501); the connection's own errors as is.
 */
function roleRefused(error: unknown, role: string): unknown {
  if (isConnectionError(error) || !(error instanceof Error)) return error;
  return new DbConfigError(
    `Custom queries run as the PostgreSQL role ${role}, and this connection cannot switch to it (${error.message}): set it up once with createCustomQueryRole(pool) as the database owner (loadSchool and \`export.ts --load-sample [--service-role <login role>]\` do)`,
    { cause: error },
  );
}

/**
 * SQLSTATE classes and codes that say the connection or the server failed, not the query: a retry
 * can succeed. Class 08 (connection exception), 57P01–57P03 (server shutting down, crashed,
 * starting up), 53300 (too many connections). Not 57014 (`statement_timeout`): it would time out again.
 */
const CONNECTION_SQLSTATE = /^(08...|57P0[123]|53300)$/;
/** Socket errors of a lost or refused connection. */
const CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** True for an error of the connection (see {@link CONNECTION_SQLSTATE}), false for one of the query or the configuration. */
function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return CONNECTION_SQLSTATE.test(code) || CONNECTION_ERRNO.has(code);
  // pg's own messages for a socket that closed or a connect that timed out carry no code.
  return /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(error.message);
}

/** A {@link DbUnavailableError} (`what: reason`, the cause kept) when the connection failed; any other error as is. */
function unavailable(error: unknown, lost: Error | undefined, what: string): unknown {
  if (error instanceof DbUnavailableError || (!lost && !isConnectionError(error))) return error;
  const cause = lost ?? (error as Error);
  return new DbUnavailableError(`${what}: ${cause.message || (cause as { code?: string }).code}`, { cause });
}

/** `?` → `$1, $2, …`, outside quoted strings and identifiers. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (match) => (match === '?' ? `$${++n}` : match));
}
