// examples/postgres: a query's `timeoutMs` (statement_timeout) also counted the time its rows waited
// for a slow reader: through a cursor kept open across round trips, PostgreSQL's statement clock
// runs from the first fetch to the last. A custom query downloaded slowly failed midway. Each fetch
// is now a statement of its own, and the fetches' time is added up: the database's time in all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgDb, createPool, pgDb } from '../../examples/postgres/pgDb.js';
import { type PostgresCluster, createCustomQueryRoleOn, havePostgres, startPostgres } from '../examples/services.js';

let cluster: PostgresCluster;
let db: PgDb;
beforeAll(async () => {
  if (!havePostgres()) return;
  cluster = await startPostgres();
  db = pgDb(createPool(cluster.url), { batchSize: 500 });
  await db.pool.query('CREATE TABLE nums AS SELECT g AS id FROM generate_series(1, 5000) g');
  await createCustomQueryRoleOn(cluster.url, ['nums']);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await cluster?.stop();
});

const SQL = 'SELECT id, ? AS tag FROM nums WHERE id <= ? ORDER BY id';

describe.runIf(havePostgres())('a timed query read slowly', () => {
  it.each([
    ['readOnly', { readOnly: true }],
    ['timeout only', {}],
  ])('is not cut by its timeout (%s)', async (_, options) => {
    const ids: number[] = [];
    const start = Date.now();
    for await (const row of db.query<{ id: number; tag: string }>(SQL, ['x', 5000], { ...options, timeoutMs: 300 })) {
      ids.push(row.id);
      if (ids.length % 1000 === 0) await new Promise((resolve) => setTimeout(resolve, 150)); // a slow reader
    }
    expect(Date.now() - start).toBeGreaterThan(600);
    expect(ids).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(db.openCursors).toBe(0);
  });

  it('still cancels a query that runs longer than its timeout', async () => {
    const read = async () => {
      for await (const _ of db.query('SELECT pg_sleep(2)', [], { readOnly: true, timeoutMs: 200 }));
    };
    await expect(read()).rejects.toMatchObject({ code: '57014' });
    // the connection went back clean: the next query works
    const [row] = await collect(db.query<{ n: number }>('SELECT 1 AS n'));
    expect(row?.n).toBe(1);
  });

  it('still stops a query whose fetches take longer than its timeout in all, each one shorter', async () => {
    const small = pgDb(db.pool, { batchSize: 2 }); // each fetch of 2 rows sleeps 200 ms, under the 300 ms
    const seen: number[] = [];
    const read = async () => {
      for await (const row of small.query<{ g: number }>('SELECT pg_sleep(0.1), g FROM generate_series(1, 12) g', [], { timeoutMs: 300 })) seen.push(row.g);
    };
    await expect(read()).rejects.toMatchObject({ code: '57014' });
    expect(seen.length).toBeLessThan(12);
    expect(small.openCursors).toBe(0);
  });

  it('stops early and gives the connection back', async () => {
    for await (const row of db.query<{ id: number }>(SQL, ['x', 5000], { readOnly: true, timeoutMs: 300 })) if (row.id === 700) break;
    expect(db.openCursors).toBe(0);
    const [row] = await collect(db.query<{ n: number }>('SELECT 2 AS n'));
    expect(row?.n).toBe(2);
  });
});

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}
