import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2';
import { tempDir } from '../helpers/tempDir.js';
import { freePort } from './services.js';
import { requireTool } from './support.js';

const MARIADBD = '/usr/sbin/mariadbd';

export const haveMariaDb = () => requireTool('mariadb-server (mariadbd)', () => existsSync(MARIADBD) && existsSync('/usr/bin/mariadb-install-db'));

export interface MariaDbServer {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway MariaDB on 127.0.0.1 and a free port: a fresh data folder, no grant tables
 * (any user, no password: a test server only), and a `school` database. `stop()` removes it.
 */
export async function startMariaDb(): Promise<MariaDbServer> {
  const { dir } = tempDir('rowport-maria-');
  const data = join(dir, 'data');
  execFileSync('/usr/bin/mariadb-install-db', [`--datadir=${data}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], {
    stdio: 'pipe',
  });
  const port = await freePort();
  const server: ChildProcess = spawn(
    MARIADBD,
    [
      `--datadir=${data}`,
      `--socket=${join(dir, 'sock')}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--user=root',
      '--skip-grant-tables',
      `--pid-file=${join(dir, 'pid')}`,
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
      c.query('CREATE DATABASE IF NOT EXISTS school', (error) => {
        c.destroy();
        resolve(!error);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('MariaDB did not start');
    await new Promise((resolve) => setTimeout(resolve, 200)); // polling for the server, with a deadline
  }
  return {
    port,
    async stop() {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
