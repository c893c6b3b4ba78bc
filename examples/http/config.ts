import { parseArgs } from 'node:util';
import type { Db } from '../analytics/db.js';
import { createSampleDatabase } from '../analytics/sqljs.js';

/**
 * The export service's configuration, read once from the environment and the command line by
 * {@link loadConfig}, and used by `serve.ts` and `examples/run.ts`:
 *
 * | env / flag | meaning | default |
 * |---|---|---|
 * | `TOKEN_SECRET` | HMAC key of tokens and links, 32+ bytes, the same on every server | required for a server |
 * | `HOST`, `PORT` / `--host`, `--port` | where the server listens (`0.0.0.0` behind a load balancer) | `127.0.0.1`, `3000` |
 * | `DATABASE_URL` | PostgreSQL (`postgres://user:password@host:port/db`); without it, the sql.js sample | sql.js sample |
 * | `SCALE` / `--scale` | size of the sql.js sample school | `1` |
 * | `REDIS_URL` | the queue (`examples/run.ts`) | `redis://127.0.0.1:6379` |
 * | `S3_BUCKET`, `AWS_REGION`, `S3_ENDPOINT`, `S3_FORCE_PATH_STYLE=1`, `S3_PREFIX` | the object store; `AWS_REGION` is required with a bucket | a local folder |
 * | `EXPORTS_DIR` / `--exports` | the local store's folder | `exports` |
 * | `MAX_DOWNLOADS_PER_PRINCIPAL` | direct downloads one principal may run at once | `3` |
 * | `--role`, `--concurrency` | `both`, `server` or `worker`; jobs a worker runs at once | `both`, `1` |
 * | `--express` | serve with the Express app instead of `node:http` (`serve.ts`) | off |
 */
export interface ServiceConfig {
  readonly role: 'both' | 'server' | 'worker';
  readonly host: string;
  readonly port: number;
  /** Undefined only for `--role worker`, which signs nothing. */
  readonly tokenSecret: string | undefined;
  readonly databaseUrl: string | undefined;
  readonly scale: number;
  readonly redisUrl: string;
  readonly s3:
    | { readonly bucket: string; readonly region: string; readonly endpoint?: string; readonly forcePathStyle: boolean; readonly prefix?: string }
    | undefined;
  readonly exportsDir: string;
  readonly maxDownloadsPerPrincipal: number;
  readonly concurrency: number;
  readonly express: boolean;
}

/** A configuration that cannot work, found before anything starts; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
}

/**
 * Reads and checks the configuration (see {@link ServiceConfig}).
 * @throws {ConfigError} naming the variable or flag that is missing or wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv.slice(2)): ServiceConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true }));
  } catch (error) {
    throw new ConfigError((error as Error).message, { cause: error });
  }
  const text = (flag: string, name: string) => (values[flag] as string | undefined) ?? nonEmpty(env[name]);
  const role = (values.role as string | undefined) ?? 'both';
  if (role !== 'both' && role !== 'server' && role !== 'worker') throw new ConfigError(`--role must be both, server or worker, got ${JSON.stringify(role)}`);
  const tokenSecret = nonEmpty(env.TOKEN_SECRET);
  if (role !== 'worker' && (tokenSecret === undefined || Buffer.byteLength(tokenSecret) < 32)) {
    throw new ConfigError('TOKEN_SECRET must be set to 32 or more random bytes, the same on every server: TOKEN_SECRET=$(openssl rand -hex 32)');
  }
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  return {
    role,
    host: text('host', 'HOST') ?? '127.0.0.1',
    port: whole(text('port', 'PORT') ?? '3000', 'PORT', 0, 65_535),
    tokenSecret,
    databaseUrl,
    scale: positive(text('scale', 'SCALE') ?? '1', 'SCALE'),
    redisUrl: nonEmpty(env.REDIS_URL) ?? 'redis://127.0.0.1:6379',
    s3: s3Config(env),
    exportsDir: text('exports', 'EXPORTS_DIR') ?? 'exports',
    maxDownloadsPerPrincipal: whole(nonEmpty(env.MAX_DOWNLOADS_PER_PRINCIPAL) ?? '3', 'MAX_DOWNLOADS_PER_PRINCIPAL', 1, 10_000),
    concurrency: whole((values.concurrency as string | undefined) ?? '1', '--concurrency', 1, 1_000),
    express: values.express === true,
  };
}

/**
 * The database of a configuration: PostgreSQL through `pgDb` when `DATABASE_URL` is set (the
 * sample school loaded with `examples/postgres/export.ts --load-sample`), else the sql.js sample.
 */
export async function openDatabase(config: ServiceConfig): Promise<Db> {
  if (config.databaseUrl === undefined) return createSampleDatabase({ scale: config.scale });
  const { createPool, pgDb } = await import('../postgres/pgDb.js');
  return pgDb(createPool(config.databaseUrl));
}

// --- internal ---

const FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  scale: { type: 'string' },
  exports: { type: 'string' },
  role: { type: 'string' },
  concurrency: { type: 'string' },
  express: { type: 'boolean' },
} as const;

function s3Config(env: NodeJS.ProcessEnv): ServiceConfig['s3'] {
  const bucket = nonEmpty(env.S3_BUCKET);
  if (bucket === undefined) return undefined;
  const region = nonEmpty(env.AWS_REGION);
  if (region === undefined) throw new ConfigError("AWS_REGION must be set with S3_BUCKET (your bucket's region; 'us-east-1' for MinIO, 'auto' for R2)");
  const endpoint = nonEmpty(env.S3_ENDPOINT);
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint))
    throw new ConfigError(`S3_ENDPOINT must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  const style = nonEmpty(env.S3_FORCE_PATH_STYLE);
  if (style !== undefined && style !== '0' && style !== '1') throw new ConfigError('S3_FORCE_PATH_STYLE must be 1 (path-style URLs, MinIO) or 0');
  const prefix = nonEmpty(env.S3_PREFIX);
  return { bucket, region, forcePathStyle: style === '1', ...(endpoint ? { endpoint } : {}), ...(prefix ? { prefix } : {}) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function whole(text: string, name: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

function positive(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > 100) throw new ConfigError(`${name} must be a number above 0 (at most 100), got ${JSON.stringify(text)}`);
  return n;
}
