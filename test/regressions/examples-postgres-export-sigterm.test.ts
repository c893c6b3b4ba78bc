import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type PostgresCluster, havePostgres, startPostgres } from '../examples/services.js';
import { tempDir } from '../examples/support.js';

// examples/postgres/export.ts was killed outright by SIGTERM (a container stopping), leaving its
// half-written temp file in the output folder; it now aborts the export like Ctrl-C.
const EXPORT = fileURLToPath(new URL('../../examples/postgres/export.ts', import.meta.url));
const enabled = havePostgres();
let cluster: PostgresCluster;

beforeAll(async () => {
  if (!enabled) return;
  cluster = await startPostgres();
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query('CREATE TABLE big AS SELECT i AS id, md5(i::text) AS note FROM generate_series(1, 3000000) AS i');
  await client.end();
}, 120_000);
afterAll(() => cluster?.stop());

describe.runIf(enabled)('examples/postgres/export.ts on SIGTERM', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    'stops on %s mid-export with exit code %i and leaves no file',
    async (signal, code) => {
      const out = await tempDir('rowport-pg-export-');
      try {
        const child = spawn(process.execPath, ['--import', 'tsx', EXPORT, 'big', '--out', out.dir], {
          env: { ...process.env, DATABASE_URL: cluster.url },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
          child.once('exit', (c, s) => resolve({ code: c, signal: s })),
        );
        await vi.waitFor(async () => expect((existsSync(out.dir) ? await readdir(out.dir) : []).some((f) => f.endsWith('.tmp'))).toBe(true), {
          timeout: 30_000,
          interval: 20,
        });
        child.kill(signal);
        expect(await exited).toEqual({ code, signal: null });
        expect(await readdir(out.dir)).toEqual([]);
        expect(existsSync(join(out.dir, 'big.csv'))).toBe(false);
      } finally {
        await out.remove();
      }
    },
    60_000,
  );
});
