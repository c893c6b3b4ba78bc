// examples/http/serve.ts: SIGTERM (a deploy, `docker stop`) closed the connections of downloads in
// flight (closeAllConnections: FIN). An HTTP/1.0 client (nginx's proxy_pass by default) has only the
// close to go by: curl saved the CSV cut mid-way and exited 0. The server now resets (RST) them.
import { type ChildProcess, execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { onLines, requireTool } from '../examples/support.js';

const SERVE = fileURLToPath(new URL('../../examples/http/serve.ts', import.meta.url));
const ISSUE = fileURLToPath(new URL('../../examples/auth/issue.ts', import.meta.url));
const ENV = { ...process.env, TOKEN_SECRET: 'a test secret of at least 32 bytes!', HOST: '127.0.0.1', PORT: '0', SCALE: '8', DATABASE_URL: '' };
const haveCurl = () => requireTool('curl', () => spawnSync('curl', ['--version']).status === 0);

let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

describe.runIf(haveCurl())('examples/http/serve.ts stopped by SIGTERM during a download', () => {
  it('fails the download of an HTTP/1.0 client (curl) instead of ending it as a whole file', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', SERVE], { env: ENV, stdio: ['ignore', 'pipe', 'inherit'] });
    child = server;
    const base = await new Promise<string>((resolve, reject) => {
      onLines(server.stdout, (line) => {
        const match = /listening on (http:\/\/[\d.:]+)/.exec(line);
        if (match) resolve(match[1] as string);
      });
      server.once('exit', (code) => reject(new Error(`serve.ts exited with ${code}`)));
    });
    const token = execFileSync(process.execPath, ['--import', 'tsx', ISSUE, '--role', 'admin'], { env: ENV, encoding: 'utf8' }).trim();
    // ~22 MB of CSV read at 1 MB/s: more than the socket buffers hold, so the server is still sending when it is stopped.
    const args = ['-sS', '--http1.0', '--limit-rate', '1M', '-H', `Authorization: Bearer ${token}`, '-o', '/dev/null', `${base}/exports/metrics.csv`];
    const exit = new Promise<number>((resolve) => execFile('curl', args, (error) => resolve(error ? Number(error.code) : 0)));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const stopped = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await stopped;
    expect(await exit).not.toBe(0);
  }, 90_000);
});
