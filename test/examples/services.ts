import { type ChildProcess, execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { createCustomQueryRole } from '../../examples/postgres/customQueryRole.js';
import { requireTool } from './support.js';
import { tempDir } from '../helpers/tempDir.js';

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// --- PostgreSQL ---

/** Debian's PostgreSQL binaries (the newest installed major version), or undefined. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

export const havePostgres = () => requireTool('postgresql (initdb, pg_ctl)', () => postgresBin() !== undefined && spawnSync('id', ['postgres']).status === 0);

export interface PostgresCluster {
  readonly port: number;
  readonly url: string;
  /** Stops the server, keeping its data, for a fault test: `fast` ends every session (SQLSTATE 57P01), `immediate` is a crash. */
  down(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port, with the same data. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL cluster: initdb in a temp folder owned by `postgres` (initdb refuses
 * root), pg_ctl on 127.0.0.1 and a free port, trust auth, no fsync. `stop()` stops it and removes it.
 */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const dir = tempDir('rowport-pg-').dir;
  const data = join(dir, 'data');
  const asPostgres = (args: string[]) => {
    const root = process.getuid?.() === 0;
    return execFileSync(root ? 'runuser' : (args[0] as string), root ? ['-u', 'postgres', '--', ...args] : args.slice(1), { stdio: 'pipe', encoding: 'utf8' });
  };
  if (process.getuid?.() === 0) {
    const { uid, gid } = {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
    };
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  asPostgres([join(bin, 'initdb'), '-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const startArgs = [
    join(bin, 'pg_ctl'),
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off`,
    'start',
  ];
  asPostgres(startArgs);
  const asPostgresAsync = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const root = process.getuid?.() === 0;
      execFile(root ? 'runuser' : (args[0] as string), root ? ['-u', 'postgres', '--', ...args] : args.slice(1), (error) =>
        error ? reject(error) : resolve(),
      );
    });
  // If the test process dies without afterAll, stop the cluster on the way out (exit handlers may block).
  const orphanGuard = () => {
    try {
      asPostgres([join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', orphanGuard);
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    // Without blocking this process's event loop: its clients must see the server go.
    down: (mode = 'fast') => asPostgresAsync([join(bin, 'pg_ctl'), '-D', data, '-m', mode, '-w', 'stop']),
    up: () => asPostgresAsync(startArgs),
    async stop() {
      process.off('exit', orphanGuard);
      try {
        asPostgres([join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * For a test on its own tables (not the sample school, whose `loadSchool` does this): sets up the
 * role custom queries run as (`rowport_custom_query`, `SET LOCAL ROLE` in `pgDb`) with `SELECT` on
 * `tables`, through `createCustomQueryRole` as production setup does. Without it every custom query
 * fails with `DB_MISCONFIGURED`.
 */
export async function createCustomQueryRoleOn(url: string, tables: readonly string[]): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await createCustomQueryRole(pool, { tables });
  } finally {
    await pool.end();
  }
}

// --- Redis ---

export const haveRedis = () => requireTool('redis-server', () => spawnSync('sh', ['-c', 'command -v redis-server']).status === 0);

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server (SIGKILL: a crash, no shutdown save), for a fault test. */
  down(): Promise<void>;
  /** Starts it again on the same port: with `persistent`, it reloads its append-only file; without, it starts empty. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` on 127.0.0.1 and a free port; `stop()` ends it. Without persistence by
 * default; `persistent: true` turns on the append-only file (`appendonly yes`, fsync on every
 * write) in a temp folder, as the queue's README asks for production, so a restart keeps every job.
 */
export async function startRedis({ persistent = false } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = tempDir('rowport-redis-').dir;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--dir',
    dir,
    ...(persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ];
  let child = await spawnRedis(args);
  // If the test process dies without afterAll, do not leave the server behind.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    down: () => end('SIGKILL'),
    async up() {
      child = await spawnRedis(args);
    },
    async stop() {
      process.off('exit', orphanGuard);
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Spawns `redis-server` with `args`; resolves once it accepts connections. */
async function spawnRedis(args: string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (/Ready to accept connections/i.test(out)) resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  return child;
}

// --- S3 (s3rver) ---

export interface S3Server {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  /** The bucket made at start, empty. */
  readonly bucket: string;
  /** The folder s3rver keeps objects in (and multipart parts, under `<bucket>/.../uploads`). */
  readonly directory: string;
  /** A client for it: path-style, its fixed credentials, checksums only when required (s3rver predates them). */
  client(): S3Client;
  /** Stops answering (open connections are cut), keeping its folder, for a fault test. */
  down(): Promise<void>;
  /** Serves the same folder on the same port again. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `s3rver` (the S3 REST API over a folder) on 127.0.0.1 and a free port, with an empty temp folder and one empty bucket. */
export async function startS3(bucket = 'exports'): Promise<S3Server> {
  // s3rver ships no types; this is the part of its API the tests use.
  const S3rver = createRequire(import.meta.url)('s3rver') as new (
    options: object,
  ) => { run(): Promise<unknown>; close(): Promise<void>; httpServer?: import('node:http').Server; middleware: KoaMiddleware[] };
  const directory = tempDir('rowport-s3-').dir;
  const port = await freePort();
  const serve = async () => {
    const server = new S3rver({ port, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: bucket }] });
    server.middleware.unshift(multipartUploads(directory));
    await server.run();
    return server;
  };
  let server: Awaited<ReturnType<typeof serve>> | undefined = await serve();
  const down = async () => {
    const running = server;
    server = undefined;
    running?.httpServer?.closeAllConnections();
    await running?.close();
  };
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    directory,
    client: () => s3Client(endpoint),
    down,
    async up() {
      server ??= await serve();
    },
    async stop() {
      await down();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The part of a Koa context the middleware below uses. */
interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  body: unknown;
  type: string;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<unknown>;

/**
 * What s3rver lacks of multipart uploads, over its own folder (`<bucket>/._S3rver_uploads/<id>/key`):
 * ListMultipartUploads (`GET /<bucket>?uploads`, with `prefix`) and AbortMultipartUpload
 * (`DELETE /<bucket>/<key>?uploadId=`), which it answers with 501 and 405, keeping every unfinished upload.
 */
function multipartUploads(directory: string): KoaMiddleware {
  return async (ctx, next) => {
    const [bucket, ...rest] = ctx.path
      .slice(1)
      .split('/')
      .filter((part, i) => i === 0 || part !== '');
    const uploads = join(directory, bucket ?? '', '._S3rver_uploads');
    if (ctx.method === 'GET' && rest.length === 0 && 'uploads' in ctx.query) {
      const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
      const found = (existsSync(uploads) ? readdirSync(uploads) : []).map((id) => ({
        id,
        key: readFileSync(join(uploads, id, 'key'), 'utf8'),
        at: statSync(join(uploads, id)).birthtime,
      }));
      const xml = (text: string) => text.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);
      const items = found
        .filter((u) => u.key.startsWith(prefix))
        .map((u) => `<Upload><Key>${xml(u.key)}</Key><UploadId>${u.id}</UploadId><Initiated>${u.at.toISOString()}</Initiated></Upload>`);
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${xml(bucket ?? '')}</Bucket><Prefix>${xml(prefix)}</Prefix><IsTruncated>false</IsTruncated>${items.join('')}</ListMultipartUploadsResult>`;
      return;
    }
    const uploadId = ctx.query.uploadId;
    if (ctx.method === 'DELETE' && rest.length > 0 && typeof uploadId === 'string') {
      if (!/^[0-9a-f]+$/.test(uploadId) || !existsSync(join(uploads, uploadId))) {
        ctx.status = 404;
        ctx.type = 'application/xml';
        ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>';
        return;
      }
      rmSync(join(uploads, uploadId), { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    await next();
  };
}

/** An S3 client for s3rver at `endpoint` (also what a worker process builds from S3_ENDPOINT). */
export function s3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
