// examples/http/serve.ts: SIGTERM (a deploy, `docker stop`) closed the connections of downloads in
// flight (closeAllConnections: FIN). An HTTP/1.0 client (nginx's proxy_pass by default) has only the
// close to go by: it saved the CSV cut mid-way as a whole file. The server now resets (RST) them.
// The client is a python socket with a small receive buffer, which stops reading after the first
// bytes: the server is then still sending when it is stopped, however big the host's TCP buffers.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { onLines } from '../examples/support.js';
import { PYTHON, haveTool } from '../helpers/tools.js';

const SERVE = fileURLToPath(new URL('../../examples/http/serve.ts', import.meta.url));
const ISSUE = fileURLToPath(new URL('../../examples/auth/issue.ts', import.meta.url));
const ENV = { ...process.env, TOKEN_SECRET: 'a test secret of at least 32 bytes!', HOST: '127.0.0.1', PORT: '0', SCALE: '4', DATABASE_URL: '' };

// Reads 64 KiB, says `reading`, waits for a line on stdin (the server has been stopped), then reads to
// the end: prints `end` for a close (FIN), `reset` for a reset.
const CLIENT = `
import socket, sys
host, port, token = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
s.connect((host, port))
s.sendall(f"GET /exports/metrics.csv HTTP/1.0\\r\\nAuthorization: Bearer {token}\\r\\n\\r\\n".encode())
got = 0
while got < 65536:
    got += len(s.recv(8192))
print("reading", flush=True)
sys.stdin.readline()
try:
    while s.recv(65536):
        pass
    print("end", flush=True)
except ConnectionResetError:
    print("reset", flush=True)
`;

let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

describe.runIf(haveTool('python'))('examples/http/serve.ts stopped by SIGTERM during a download', () => {
  it('resets the download of an HTTP/1.0 client instead of ending it as a whole file', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', SERVE], { env: ENV, stdio: ['ignore', 'pipe', 'inherit'] });
    child = server;
    const base = await new Promise<URL>((resolve, reject) => {
      onLines(server.stdout, (line) => {
        const match = /listening on (http:\/\/[\d.:]+)/.exec(line);
        if (match) resolve(new URL(match[1] as string));
      });
      server.once('exit', (code) => reject(new Error(`serve.ts exited with ${code}`)));
    });
    const token = execFileSync(process.execPath, ['--import', 'tsx', ISSUE, '--role', 'admin'], { env: ENV, encoding: 'utf8' }).trim();
    const client = spawn(PYTHON, ['-c', CLIENT, base.hostname, base.port, token], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines: string[] = [];
    const reading = new Promise<void>((resolve) =>
      onLines(client.stdout, (line) => {
        lines.push(line);
        if (line === 'reading') resolve();
      }),
    );
    const done = new Promise((resolve) => client.once('exit', resolve));
    await reading;
    const stopped = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await stopped;
    client.stdin?.end('go\n');
    await done;
    expect(lines).toEqual(['reading', 'reset']);
  }, 90_000);
});
