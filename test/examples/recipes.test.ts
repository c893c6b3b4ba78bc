// The recipes in examples/recipes/ (docs/recipes.md), each run for real: five web frameworks serving
// an export, and row sources from node-postgres, Knex, TypeORM, Drizzle and mysql2 on real servers,
// and an S3 upload through @aws-sdk/lib-storage on s3rver. Files are read back by python's csv and openpyxl.
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { drizzle } from 'drizzle-orm/node-postgres';
import knex from 'knex';
import mysql from 'mysql2';
import pg from 'pg';
import { toCsv } from 'rowport';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExpressApp } from '../../examples/recipes/express.js';
import { createFastifyApp } from '../../examples/recipes/fastify.js';
import { createHonoApp } from '../../examples/recipes/hono.js';
import { createKoaApp } from '../../examples/recipes/koa.js';
import type { Authenticate } from '../../examples/recipes/download.js';
import type { StudentRow, StudentSource } from '../../examples/recipes/rows.js';
import { uploadExport } from '../../examples/recipes/s3Upload.js';
import { drizzleStudents } from '../../examples/recipes/sources/drizzle.js';
import { knexStudents } from '../../examples/recipes/sources/knex.js';
import { mysqlStudents } from '../../examples/recipes/sources/mysql2.js';
import { keysetPages } from '../../examples/recipes/sources/paginate.js';
import { pgStudents } from '../../examples/recipes/sources/pg.js';
import { Student, typeormStudents } from '../../examples/recipes/sources/typeorm.js';
import { readWithOpenpyxl, values } from '../helpers/xlsx.js';
import { type MariaDbServer, haveMariaDb, startMariaDb } from './mariadb.js';
import { type PostgresCluster, type S3Server, havePostgres, startPostgres, startS3 } from './services.js';
import { haveOpenpyxl, havePython, pythonCsv, readAll, tempDir } from './support.js';

const N = 2_345; // more than two keyset pages and several cursor batches
const expected: StudentRow[] = Array.from({ length: N }, (_, i) => ({
  id: i + 1,
  name: i % 7 === 0 ? `Zoë "${i}", O'Neil` : `Student ${i + 1}`,
  score: Math.round(i * 37.5) / 100,
  joined: new Date(Date.UTC(2024, 0, 1 + (i % 300), 9, 30)),
}));
const asCsv = (rows: readonly StudentRow[]) => [
  ['id', 'name', 'score', 'joined'],
  ...rows.map((r) => [String(r.id), r.name, String(r.score), r.joined.toISOString().slice(0, 10)]),
];

const TOKEN = 'Bearer recipe-token';
const authenticate: Authenticate = (header) => (header === TOKEN ? { id: 'reader' } : undefined);
const generated: StudentSource = async function* () {
  yield* expected;
};
const failsAtOnce: StudentSource = async function* () {
  yield* [];
  throw new Error('connect ECONNREFUSED 10.0.0.7:5432 (password=hunter2)');
};
const failsMidway: StudentSource = async function* () {
  for (let i = 0; i < 200_000; i++) yield { ...(expected[i % N] as StudentRow), id: i };
  throw new Error('the connection was reset');
};

let dir: string;
let removeDir: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove: removeDir } = await tempDir('rowport-recipes-'));
});
afterAll(() => removeDir?.());

function csvFile(name: string, bytes: Buffer): string[][] {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return pythonCsv(path);
}

type Serve = (source: StudentSource) => Promise<{ base: string; close: () => Promise<void> }>;
const listening = (server: import('node:http').Server): Promise<{ base: string; close: () => Promise<void> }> =>
  new Promise((resolve) => {
    const address = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const close = () => new Promise<void>((done) => server.close(() => done()));
    if (server.listening) resolve({ base: address(), close });
    else server.once('listening', () => resolve({ base: address(), close }));
  });

const FRAMEWORKS: readonly [string, Serve][] = [
  ['Express', (source) => listening(createExpressApp(source, authenticate).listen(0, '127.0.0.1'))],
  [
    'Fastify',
    async (source) => {
      const app = createFastifyApp(source, authenticate);
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
    },
  ],
  [
    'NestJS',
    async (source) => {
      // Its own tsconfig (legacy decorators): imported by a path the root type check does not follow.
      const module = '../../examples/recipes/nest/exportsModule.js';
      const { createNestApp } = (await import(/* @vite-ignore */ module)) as {
        createNestApp: (source: StudentSource, authenticate: Authenticate) => Promise<import('@nestjs/common').INestApplication>;
      };
      const app = await createNestApp(source, authenticate);
      await app.listen(0, '127.0.0.1');
      return { base: (await app.getUrl()).replace('[::1]', '127.0.0.1'), close: () => app.close() };
    },
  ],
  ['Koa', (source) => listening(createKoaApp(source, authenticate).listen(0, '127.0.0.1'))],
  ['Hono', (source) => listening(serve({ fetch: createHonoApp(source, authenticate).fetch, port: 0, hostname: '127.0.0.1' }) as import('node:http').Server)],
];

describe.runIf(havePython() && haveOpenpyxl()).each(FRAMEWORKS)('the %s recipe', (name, start) => {
  it('serves CSV and XLSX to an authenticated caller, with the download headers', async () => {
    const server = await start(generated);
    try {
      const csv = await fetch(`${server.base}/students.csv`, { headers: { authorization: TOKEN } });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="students.csv"');
      expect(csvFile(`${name}.csv`, Buffer.from(await csv.arrayBuffer()))).toEqual(asCsv(expected));
      const xlsx = await fetch(`${server.base}/students.xlsx`, { headers: { authorization: TOKEN } });
      expect(xlsx.status).toBe(200);
      const path = join(dir, `${name}.xlsx`);
      writeFileSync(path, Buffer.from(await xlsx.arrayBuffer()));
      const sheet = readWithOpenpyxl([path])[path]?.sheets[0];
      expect(sheet?.title).toBe('Students');
      expect(values(sheet as NonNullable<typeof sheet>).length).toBe(N + 1);
    } finally {
      await server.close();
    }
  });

  it('refuses a caller without the token (401) and an unknown format (404), with a JSON code only', async () => {
    const server = await start(generated);
    try {
      const anonymous = await fetch(`${server.base}/students.csv`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      const other = await fetch(`${server.base}/students.exe`, { headers: { authorization: TOKEN } });
      expect(other.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('answers a failure before the first byte with a 500 that leaks nothing, and cuts a failure after it', async () => {
    const early = await start(failsAtOnce);
    try {
      const reply = await fetch(`${early.base}/students.csv`, { headers: { authorization: TOKEN } });
      expect(reply.status).toBe(500);
      const body = await reply.text();
      expect(JSON.parse(body)).toMatchObject({ error: { code: 'EXPORT_FAILED' } });
      expect(body).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.7/);
    } finally {
      await early.close();
    }
    const late = await start(failsMidway);
    try {
      const reply = await fetch(`${late.base}/students.csv`, { headers: { authorization: TOKEN } });
      expect(reply.status).toBe(200);
      await expect(reply.arrayBuffer()).rejects.toThrow(); // the connection is cut: no short file looks whole
    } finally {
      await late.close();
    }
  });
});

describe.runIf(havePostgres() && havePython())('row sources on PostgreSQL', () => {
  let cluster: PostgresCluster;
  let pool: pg.Pool;
  beforeAll(async () => {
    cluster = await startPostgres();
    pool = new pg.Pool({ connectionString: cluster.url, max: 4 });
    await pool.query('CREATE TABLE students (id int PRIMARY KEY, name text NOT NULL, score real NOT NULL, joined timestamptz NOT NULL)');
    for (let i = 0; i < N; i += 500) {
      const page = expected.slice(i, i + 500);
      await pool.query(`INSERT INTO students SELECT * FROM unnest($1::int[], $2::text[], $3::real[], $4::timestamptz[])`, [
        page.map((r) => r.id),
        page.map((r) => r.name),
        page.map((r) => r.score),
        page.map((r) => r.joined),
      ]);
    }
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await cluster?.stop();
  });

  const exportCsv = async (name: string, rows: AsyncIterable<StudentRow>) =>
    csvFile(`${name}.csv`, await readAll(toCsv(rows, { columns: ['id', 'name', 'score', { key: 'joined', type: 'date' }] })));

  it('node-postgres with pg-query-stream: every row, and the client back in the pool after an early stop', async () => {
    expect(await exportCsv('pg', pgStudents(pool))).toEqual(asCsv(expected));
    const stream = toCsv(pgStudents(pool));
    for await (const _ of stream) break; // the consumer stops after one chunk: the cursor closes, the client returns
    await expect.poll(() => pool.idleCount === pool.totalCount).toBe(true);
  });

  it('Knex .stream()', async () => {
    const db = knex({ client: 'pg', connection: cluster.url });
    try {
      expect(await exportCsv('knex', knexStudents(db))).toEqual(asCsv(expected));
    } finally {
      await db.destroy();
    }
  });

  it('TypeORM QueryBuilder.stream()', async () => {
    const source = new DataSource({ type: 'postgres', url: cluster.url, entities: [Student] });
    await source.initialize();
    try {
      expect(await exportCsv('typeorm', typeormStudents(source))).toEqual(asCsv(expected));
    } finally {
      await source.destroy();
    }
  });

  it('Drizzle, a keyset page at a time (as for Prisma, which has no cursor either)', async () => {
    const pages: number[] = [];
    const db = drizzle(pool);
    const rows = keysetPages<StudentRow, number>(
      async (after, size) => {
        // what Prisma's findMany({ cursor, skip: 1, take }) asks the database
        const result = await pool.query<StudentRow>('SELECT id, name, score, joined FROM students WHERE id > $1 ORDER BY id LIMIT $2', [after ?? 0, size]);
        pages.push(result.rows.length);
        return result.rows;
      },
      (row) => row.id,
      1000,
    );
    expect(await exportCsv('keyset', rows)).toEqual(asCsv(expected));
    expect(pages).toEqual([1000, 1000, 345]);
    expect(await exportCsv('drizzle', drizzleStudents(db, 1000))).toEqual(asCsv(expected));
  });
});

describe.runIf(haveMariaDb() && havePython())('row sources on MariaDB', () => {
  let server: MariaDbServer;
  let pool: mysql.Pool;
  beforeAll(async () => {
    server = await startMariaDb();
    pool = mysql.createPool({ host: '127.0.0.1', port: server.port, user: 'root', database: 'school', timezone: 'Z', connectionLimit: 2 });
    const q = pool.promise();
    await q.query('CREATE TABLE students (id int PRIMARY KEY, name text NOT NULL, score double NOT NULL, joined datetime NOT NULL)');
    for (let i = 0; i < N; i += 500) {
      await q.query('INSERT INTO students VALUES ?', [expected.slice(i, i + 500).map((r) => [r.id, r.name, r.score, r.joined])]);
    }
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => (pool ? pool.end(() => resolve()) : resolve()));
    await server?.stop();
  });

  it('mysql2 query().stream(): every row', async () => {
    const bytes = await readAll(toCsv(mysqlStudents(pool), { columns: ['id', 'name', 'score', { key: 'joined', type: 'date' }] }));
    expect(csvFile('mysql2.csv', bytes)).toEqual(asCsv(expected));
  });
});

describe('an S3 upload with @aws-sdk/lib-storage', () => {
  let s3: S3Server;
  beforeAll(async () => {
    s3 = await startS3('exports');
  });
  afterAll(() => s3?.stop());

  it('uploads a multipart export as it is written, and leaves no object when the export fails', async () => {
    const many = async function* () {
      for (let i = 0; i < 150_000; i++) yield { id: i, text: `row ${i} ${'x'.repeat(40)}` }; // > 5 MiB: several parts
    };
    const client = s3.client();
    await uploadExport(client, s3.bucket, 'many.csv', toCsv(many()), 'text/csv');
    const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'many.csv' }));
    const text = await got.Body?.transformToString('utf8');
    expect(text?.split('\r\n').length).toBe(150_000 + 2);
    const failing = async function* () {
      yield* many();
      throw new Error('the database went away');
    };
    await expect(uploadExport(client, s3.bucket, 'failed.csv', toCsv(failing()), 'text/csv')).rejects.toThrow();
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    expect((listed.Contents ?? []).map((o) => o.Key)).toEqual(['many.csv']);
  });
});
