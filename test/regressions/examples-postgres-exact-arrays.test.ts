// examples/postgres: EXACT_TYPES kept `numeric`, `date` and `timestamp` exact, but not their
// arrays, which went through pg's default parsers: a `numeric[]` became doubles
// (`12345678901234567890.123` → `12345678901234567000`), a `date[]` local-midnight Dates written
// as the instant before (`2024-01-14T23:00:00.000Z` on a Berlin host) and a `timestamp[]` shifted by
// the host's zone. Their elements are now the text PostgreSQL writes, as for the plain types.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTable } from '../../examples/postgres/exportTable.js';
import { type PgDb, createPool, pgDb } from '../../examples/postgres/pgDb.js';
import { type PostgresCluster, havePostgres, startPostgres } from '../examples/services.js';
import { readAll } from '../examples/support.js';

const enabled = havePostgres();
let cluster: PostgresCluster;
let db: PgDb;
const previousTz = process.env.TZ;

beforeAll(async () => {
  if (!enabled) return;
  process.env.TZ = 'Europe/Berlin'; // a host east of UTC, where a local midnight is the day before in UTC
  cluster = await startPostgres();
  db = pgDb(createPool(cluster.url), { batchSize: 100 });
  await db.pool.query('CREATE TABLE lists (id int4 PRIMARY KEY, amounts numeric[], days date[], times timestamp[])');
  await db.pool.query(
    `INSERT INTO lists VALUES (1, '{12345678901234567890.123,0.1}', '{2024-01-15,1999-12-31}', '{"2024-01-15 10:00:00","2024-06-30 02:30:00.25"}')`,
  );
}, 120_000);
afterAll(async () => {
  process.env.TZ = previousTz;
  await db?.close();
  await cluster?.stop();
});

describe.runIf(enabled)('exportTable with arrays of exact types', () => {
  it('writes each element as PostgreSQL wrote it', async () => {
    const { stream } = await exportTable(db, 'lists', { timeZone: 'America/New_York' });
    const [row] = parse((await readAll(stream)).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(row).toEqual({
      id: '1',
      amounts: '["12345678901234567890.123","0.1"]',
      days: '["2024-01-15","1999-12-31"]',
      times: '["2024-01-15 10:00:00","2024-06-30 02:30:00.25"]',
    });
  });
});
