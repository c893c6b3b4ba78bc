// examples/postgres: a read-only custom query without parameters went to PostgreSQL on the simple
// query protocol, which runs several statements in one call: `SELECT 1; COMMIT; DROP TABLE …; BEGIN
// READ ONLY; DECLARE …` ended the READ ONLY transaction (and its SET LOCAL ROLE) and dropped the
// table as the login role. Such queries now always use the extended protocol: one statement only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgDb, createPool, pgDb } from '../../examples/postgres/pgDb.js';
import { type PostgresCluster, createCustomQueryRoleOn, havePostgres, startPostgres } from '../examples/services.js';

let cluster: PostgresCluster;
let db: PgDb;
beforeAll(async () => {
  if (!havePostgres()) return;
  cluster = await startPostgres();
  db = pgDb(createPool(cluster.url));
  await db.pool.query('CREATE TABLE nums AS SELECT 1 AS id');
  await db.pool.query('CREATE TABLE secret (x int)');
  await createCustomQueryRoleOn(cluster.url, ['nums']);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await cluster?.stop();
});

const ESCAPE = 'SELECT id FROM nums; COMMIT; DROP TABLE secret; COMMIT; BEGIN READ ONLY; DECLARE rowport_rows NO SCROLL CURSOR FOR SELECT 1 AS id';

async function exists(): Promise<boolean> {
  const { rows } = await db.pool.query<{ t: string | null }>("SELECT to_regclass('secret')::text AS t");
  return rows[0]?.t === 'secret';
}

describe.runIf(havePostgres())('a read-only query of several statements', () => {
  it.each([
    ['query, with a timeout', { readOnly: true, timeoutMs: 1000 }],
    ['query', { readOnly: true }],
  ])('is refused by %s, and changes nothing', async (_, options) => {
    const read = async () => {
      for await (const _row of db.query(ESCAPE, [], options));
    };
    await expect(read()).rejects.toThrow(/multiple commands|syntax/);
    expect(await exists()).toBe(true);
  });

  it('is refused by columnsOf, and changes nothing', async () => {
    await expect(db.columnsOf('SELECT 1 AS id) q; COMMIT; DROP TABLE secret; SELECT * FROM (SELECT 1', [], { readOnly: true })).rejects.toThrow(
      /multiple commands|syntax/,
    );
    expect(await exists()).toBe(true);
  });
});
