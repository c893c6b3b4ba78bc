import type { Db, QueryOptions, Row, SqlParam } from '../../examples/analytics/db.js';

/** What happened to one `query()` iteration. */
export interface CursorRecord {
  readonly sql: string;
  pulled: number;
  /** `return()` calls: the consumer stopped early and closed the cursor. */
  returned: number;
  /** The rows ran out. */
  exhausted: boolean;
  failed: boolean;
}

export interface Fault {
  /** Which queries fail. */
  readonly when: (sql: string) => boolean;
  /** Rows yielded before the failure, as when a connection drops mid-query. */
  readonly afterRows: number;
}

/**
 * Wraps a real {@link Db} (no mock: the rows come from the database) and records every cursor:
 * rows pulled, `return()` calls, exhaustion. An optional fault makes matching queries fail after
 * some rows with a "connection lost" error, closing the underlying cursor as a driver would.
 */
export function instrumentedDb(inner: Db, fault?: Fault): Db & { cursors: CursorRecord[]; last: (match: string) => CursorRecord | undefined } {
  const cursors: CursorRecord[] = [];
  return {
    dialect: inner.dialect,
    cursors,
    last: (match) => [...cursors].reverse().find((c) => c.sql.includes(match) && !c.sql.startsWith('SELECT COUNT')),
    columnsOf: (sql, params, options) => inner.columnsOf(sql, params, options),
    close: () => inner.close(),
    query<T extends Row = Row>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): AsyncIterable<T> {
      return {
        [Symbol.asyncIterator]() {
          const record: CursorRecord = { sql, pulled: 0, returned: 0, exhausted: false, failed: false };
          cursors.push(record);
          const rows = inner.query<T>(sql, params, options)[Symbol.asyncIterator]();
          // biome-ignore lint/complexity/useOptionalChain: the comparison narrows `fault` for the closures below
          const failing = fault !== undefined && fault.when(sql) && !sql.startsWith('SELECT COUNT');
          return {
            async next() {
              if (failing && record.pulled >= fault.afterRows) {
                record.failed = true;
                await rows.return?.();
                throw new Error('connection lost (injected)');
              }
              const next = await rows.next();
              if (next.done) record.exhausted = true;
              else record.pulled++;
              return next;
            },
            async return() {
              record.returned++;
              await rows.return?.();
              return { done: true, value: undefined };
            },
          };
        },
      };
    },
  };
}
