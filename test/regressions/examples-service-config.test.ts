// examples: run.ts always used sql.js (no documented way onto PostgreSQL), no way to mint a student
// token, admin tokens printed to stdout, 127.0.0.1 only, no health route, and the multi-machine commands
// lacked AWS_REGION (jobs then failed three times). One checked config module, `issue.ts`, and GET /healthz (#18).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../examples/analytics/db.js';
import { generateSchool } from '../../examples/analytics/seed.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { createExportApp } from '../../examples/http/app.js';
import { ConfigError, loadConfig } from '../../examples/http/config.js';
import { createExportServer } from '../../examples/http/server.js';
import { createCustomQueryRole } from '../../examples/postgres/customQueryRole.js';
import { createPool } from '../../examples/postgres/pgDb.js';
import { loadSchool } from '../../examples/postgres/schema.js';
import { ExportQueue } from '../../examples/queue/exportQueue.js';
import { createLocalStore } from '../../examples/queue/exportStore.js';
import { listen } from '../examples/httpClient.js';
import { SECRET } from '../examples/jobHarness.js';
import { type PostgresCluster, type RedisServer, freePort, havePostgres, haveRedis, startPostgres, startRedis } from '../examples/services.js';
import { onLines, tempDir } from '../examples/support.js';

const RUN = fileURLToPath(new URL('../../examples/run.ts', import.meta.url));
const ISSUE = fileURLToPath(new URL('../../examples/auth/issue.ts', import.meta.url));
const BASE_ENV = { TOKEN_SECRET: SECRET };

describe('loadConfig', () => {
  const fails = (env: Record<string, string>, argv: string[] = []) => {
    try {
      loadConfig(env, argv);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('defaults to 127.0.0.1:3000, the sql.js sample and a local store', () => {
    expect(loadConfig(BASE_ENV, [])).toMatchObject({
      role: 'both',
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      s3: undefined,
      exportsDir: 'exports',
      maxDownloadsPerPrincipal: 3,
    });
    expect(loadConfig({ ...BASE_ENV, HOST: '0.0.0.0', PORT: '8080' }, ['--role', 'server']).host).toBe('0.0.0.0');
  });

  it.each([
    ['no TOKEN_SECRET', {}, [], 'TOKEN_SECRET'],
    ['a short TOKEN_SECRET', { TOKEN_SECRET: 'short' }, [], 'TOKEN_SECRET'],
    ['S3_BUCKET without AWS_REGION', { ...BASE_ENV, S3_BUCKET: 'exports' }, [], 'AWS_REGION'],
    ['a bad S3_FORCE_PATH_STYLE', { ...BASE_ENV, S3_BUCKET: 'b', AWS_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'yes' }, [], 'S3_FORCE_PATH_STYLE'],
    ['a bad PORT', { ...BASE_ENV, PORT: '70000' }, [], 'PORT'],
    ['a bad DATABASE_URL', { ...BASE_ENV, DATABASE_URL: 'mysql://x' }, [], 'DATABASE_URL'],
    ['an unknown role', BASE_ENV, ['--role', 'janitor'], '--role'],
    ['an unknown flag', BASE_ENV, ['--prot', '1'], 'prot'],
  ] as const)('refuses %s, naming it', (_, env, argv, name) => {
    expect(fails({ ...env }, [...argv])).toContain(name);
  });

  it('needs no TOKEN_SECRET for a worker, and reads the whole S3 setup', () => {
    expect(loadConfig({ S3_BUCKET: 'b', AWS_REGION: 'auto', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: '1' }, ['--role', 'worker']).s3).toEqual(
      { bucket: 'b', region: 'auto', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true },
    );
  });

  it('stops run.ts before it starts anything, with exit code 2 and the reason', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', RUN, '--role', 'server'], {
        env: { ...process.env, ...BASE_ENV, S3_BUCKET: 'exports', AWS_REGION: '' },
        stdio: 'pipe',
        encoding: 'utf8',
      });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: string }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toContain('AWS_REGION');
  });
});

describe.each([
  ['node:http server', createExportServer],
  ['Express 5 app', (service: AnalyticsService, options: Parameters<typeof createExportServer>[1]) => createServer(createExportApp(service, options))],
] as const)('GET /healthz, %s', (_, make) => {
  let lite: Awaited<ReturnType<typeof createSampleDatabase>>;
  beforeAll(async () => {
    lite = await createSampleDatabase({ scale: 0.02 });
  });
  afterAll(() => lite?.close());
  const auth = createTokenAuth({ secret: SECRET });

  it('answers 200 without credentials when the database answers', async () => {
    const server = await listen(make(new AnalyticsService(lite), { authenticate: auth.authenticate }));
    try {
      const reply = await fetch(`${server.base}/healthz`);
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
    } finally {
      await server.stop();
    }
  });

  it('answers 503 naming only which dependency is down (no host, port or error)', async () => {
    const broken: Db = {
      ...lite,
      dialect: 'sqlite',
      columnsOf: () => Promise.reject(new Error('x')),
      close: async () => undefined,
      query: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:5432')) }) }),
    };
    const { dir, remove } = await tempDir();
    const port = await freePort();
    const jobs = new ExportQueue({ redisUrl: `redis://127.0.0.1:${port}`, connectTimeoutMs: 500, store: await createLocalStore(dir) });
    const server = await listen(make(new AnalyticsService(broken), { authenticate: auth.authenticate, links: auth, jobs, onError: () => undefined }));
    try {
      const reply = await fetch(`${server.base}/healthz`);
      expect(reply.status).toBe(503);
      const text = await reply.text();
      expect(JSON.parse(text)).toEqual({ status: 'unavailable', checks: { database: 'unavailable', queue: 'unavailable', store: 'ok' } });
      expect(text).not.toMatch(new RegExp(`${port}|10\\.1\\.2\\.3|ECONNREFUSED`));
    } finally {
      await server.stop();
      await jobs.close();
      await remove();
    }
  });
});

describe.runIf(havePostgres() && haveRedis())('examples/run.ts on PostgreSQL, as its README says', () => {
  let cluster: PostgresCluster;
  let redis: RedisServer;
  let out: Awaited<ReturnType<typeof tempDir>>;
  let child: ChildProcess;
  let base: string;
  let stdout = '';
  beforeAll(async () => {
    [cluster, redis, out] = await Promise.all([startPostgres(), startRedis(), tempDir()]);
    const admin = createPool(cluster.url);
    await admin.query('CREATE ROLE rowport LOGIN');
    await loadSchool(admin, generateSchool({ scale: 0.05 }));
    await createCustomQueryRole(admin, { serviceRole: 'rowport' }); // what `export.ts --load-sample --service-role rowport` does
    await admin.end();
    const env = {
      ...process.env,
      ...BASE_ENV,
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: cluster.url.replace('postgres@', 'rowport@'),
      REDIS_URL: redis.url,
      EXPORTS_DIR: out.dir,
      S3_BUCKET: '',
    };
    child = spawn(process.execPath, ['--import', 'tsx', RUN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    base = await new Promise<string>((resolve, reject) => {
      onLines(child.stdout, (line) => {
        stdout += `${line}\n`;
        const match = /listening on (http:\/\/[\d.:]+)/.exec(line);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`run.ts exited with ${code}: ${stdout}`)));
    });
  }, 120_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await Promise.all([cluster?.stop(), redis?.stop(), out?.remove()]);
  });

  const mint = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', ISSUE, ...args], { env: { ...process.env, ...BASE_ENV }, encoding: 'utf8' }).trim();
  const job = async (token: string, spec: object) => {
    const posted = await fetch(`${base}/exports/jobs`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(spec) });
    expect(posted.status).toBe(202);
    const { jobId } = (await posted.json()) as { jobId: string };
    return vi.waitFor(
      async () => {
        const status = (await (await fetch(`${base}/exports/jobs/${jobId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          state: string;
          downloadUrl?: string;
          error?: string;
        };
        if (status.state !== 'completed') throw new Error(`${status.state} ${status.error ?? ''}`);
        return status;
      },
      { timeout: 45_000, interval: 100 },
    );
  };

  it('prints no token, and answers /healthz with every dependency ok', async () => {
    expect(stdout).not.toMatch(/token/i);
    const reply = await fetch(`${base}/healthz`);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok', store: 'ok' } });
  });

  it("exports a student's analytics from PostgreSQL with a token minted by issue.ts", async () => {
    const token = mint('--role', 'student', '--student-id', '2');
    const { downloadUrl } = await job(token, { kind: 'student', studentId: 2 });
    const rows = parse(await (await fetch(`${base}${downloadUrl}`)).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(generateSchool({ scale: 0.05 }).metrics.filter((m) => m.student_id === 2).length);
    expect(
      (await fetch(`${base}/exports/students/2.csv`, { headers: { authorization: `Bearer ${mint('--role', 'student', '--student-id', '999999')}` } })).status,
    ).toBe(401);
  });

  it('runs an admin custom query as the SELECT-only role on a non-superuser login', async () => {
    const token = mint('--role', 'admin');
    const { downloadUrl } = await job(token, { kind: 'query', sql: 'SELECT id FROM metrics ORDER BY id LIMIT 5' });
    expect(parse(await (await fetch(`${base}${downloadUrl}`)).text(), { bom: true, columns: true })).toHaveLength(5);
  });
});
