// examples/postgres/pgDb.ts: stopping PostgreSQL mid-export crashed the process (the checked-out
// client's 'error' event had no listener); the export now fails with DbUnavailableError (#18).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSchool } from '../../examples/analytics/seed.js';
import { loadSchool } from '../../examples/postgres/schema.js';
import { DbUnavailableError } from '../../examples/analytics/db.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { type PgDb, createPool, pgDb } from '../../examples/postgres/pgDb.js';
import { type PostgresCluster, createCustomQueryRoleOn, havePostgres, startPostgres } from '../examples/services.js';

const enabled = havePostgres();
let cluster: PostgresCluster;
let db: PgDb;

beforeAll(async () => {
  if (!enabled) return;
  cluster = await startPostgres();
  db = pgDb(createPool(cluster.url, { connectionTimeoutMillis: 1_000 }), { batchSize: 100 });
  await db.pool.query('CREATE TABLE big AS SELECT i AS id, md5(i::text) AS note FROM generate_series(1, 200000) AS i');
  await createCustomQueryRoleOn(cluster.url, ['big']); // the exports are custom queries
}, 120_000);
afterAll(async () => {
  await db?.close();
  await cluster?.stop();
});

/** Reads an export until `rows` rows went by, then runs `fault`, then reads on; resolves with how it ended. */
async function exportThrough(fault: () => Promise<void>): Promise<unknown> {
  const { stream } = await new AnalyticsService(db).exportCustomQuery('SELECT * FROM big ORDER BY id', [], { count: false });
  let bytes = 0;
  let faulted: Promise<void> | undefined;
  try {
    for await (const chunk of stream) {
      bytes += (chunk as Buffer).length;
      if (bytes > 100_000 && !faulted) faulted = fault();
      await faulted;
    }
    return 'finished';
  } catch (error) {
    return error;
  }
}

describe.runIf(enabled)('pgDb when PostgreSQL stops mid-export', () => {
  it.each(['fast', 'immediate'] as const)(
    'fails the export with DB_UNAVAILABLE and keeps the process alive (pg_ctl stop -m %s)',
    async (mode) => {
      const ended = await exportThrough(() => cluster.down(mode));
      await cluster.up();
      expect(ended).toMatchObject({ code: 'ROWPORT_SOURCE_FAILED', cause: expect.any(DbUnavailableError) });
      expect((ended as { cause: DbUnavailableError }).cause).toMatchObject({
        code: 'DB_UNAVAILABLE',
        message: expect.stringContaining(`127.0.0.1:${cluster.port}`),
      });
      expect(db.openCursors).toBe(0);
      // The pool gave the dead client up and serves the restarted server.
      expect((await db.pool.query('SELECT count(*)::int AS n FROM big')).rows[0]).toEqual({ n: 200000 });
    },
    60_000,
  );

  it('fails loadSchool, without crashing, when PostgreSQL stops mid-load', async () => {
    const pool = createPool(cluster.url);
    const watcher = new pg.Client({ connectionString: cluster.url });
    await watcher.connect();
    try {
      const loading = loadSchool(pool, generateSchool({ scale: 0.5 })).then(
        () => 'loaded',
        (error: Error) => error,
      );
      await vi.waitFor(
        async () =>
          expect((await watcher.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'INSERT INTO%'")).rows[0].n).toBeGreaterThan(0),
        { timeout: 30_000, interval: 10 },
      );
      await watcher.end().catch(() => undefined);
      await cluster.down();
      expect(await loading).toBeInstanceOf(Error);
    } finally {
      await cluster.up();
      await pool.end();
    }
  }, 60_000);

  it('answers a custom query with DB_UNAVAILABLE, not ANALYTICS_INVALID_QUERY, while PostgreSQL is down', async () => {
    await cluster.down();
    try {
      await expect(new AnalyticsService(db).exportCustomQuery('SELECT * FROM big')).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
    } finally {
      await cluster.up();
    }
  }, 60_000);
});
