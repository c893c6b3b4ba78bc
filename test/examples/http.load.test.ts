import { type ChildProcess, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenAuth } from '../../examples/auth/tokens.js';

const DOWNLOADS = 20;
const ROWS = 100_000;
// examples/http/serve.ts, plus the RSS instrumentation the example itself does not carry.
const SERVE = fileURLToPath(new URL('./fixtures/serveWithStats.ts', import.meta.url));

let child: ChildProcess;
let base: string;
// The server checks bearer tokens signed with this secret; the test signs an admin's (metrics.csv is a custom query: admins only).
const SECRET = 'load test secret of at least thirty-two bytes';
const TOKEN = createTokenAuth({ secret: SECRET }).issue({ id: 'load-test', role: 'admin' }, 3_600_000);

beforeAll(async () => {
  // The server runs in its own process (through tsx, as a user would run it), so its RSS is its own.
  child = fork(SERVE, ['--port', '0', '--scale', '2.5'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, HOST: '127.0.0.1', DATABASE_URL: '', TOKEN_SECRET: SECRET, MAX_DOWNLOADS_PER_PRINCIPAL: String(DOWNLOADS) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
});
afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

const stats = () =>
  new Promise<{ rss: number; peakRss: number }>((resolve) => {
    child.once('message', (m) => resolve(m as { rss: number; peakRss: number }));
    child.send('stats');
  });

/** Downloads one export keeping only a hash, the line count and the last line (or the whole body, for one of them). */
function download(url: string, keep: boolean): Promise<{ status: number; hash: string; lines: number; last: string; bytes: number; body?: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      const hash = createHash('sha256');
      const kept: Buffer[] = [];
      let lines = 0;
      let bytes = 0;
      let tail = Buffer.alloc(0);
      res.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
        if (keep) kept.push(chunk);
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        tail = Buffer.concat([tail, chunk]).subarray(-200);
      });
      res.on('aborted', () => reject(new Error('download aborted')));
      res.on('error', reject);
      res.on('end', () => {
        const text = tail.toString('utf8').trimEnd();
        resolve({
          status: res.statusCode ?? 0,
          hash: hash.digest('hex'),
          lines,
          bytes,
          last: text.slice(text.lastIndexOf('\n') + 1),
          ...(keep ? { body: Buffer.concat(kept) } : {}),
        });
      });
    }).on('error', reject);
  });
}

describe('examples/http under load', () => {
  it(`serves ${DOWNLOADS} concurrent downloads of ${ROWS.toLocaleString('en')} rows, each complete and valid, in bounded memory`, async () => {
    const idle = await stats();
    const results = await Promise.all(Array.from({ length: DOWNLOADS }, (_, i) => download(`${base}/exports/metrics.csv?limit=${ROWS}`, i === 0)));
    const after = await stats();
    const rows = parse((results[0]?.body as Buffer).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(ROWS);
    expect(rows.map((r) => Number(r.id))).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.lines).toBe(ROWS + 1);
      expect(r.last.startsWith(`${ROWS},`)).toBe(true);
      expect(r.hash).toBe(results[0]?.hash); // every file whole and identical to the one parsed
    }
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    const served = results.reduce((sum, r) => sum + r.bytes, 0);
    console.log(
      `[load] ${DOWNLOADS} concurrent × ${ROWS.toLocaleString('en')} rows = ${mb(served)} served; server RSS idle ${mb(idle.rss)}, peak ${mb(after.peakRss)}`,
    );
    // Together the files are ~124 MB: a server that buffered them would grow by more than that, on
    // top of the garbage a streaming one makes too (up to ~95 MB here before the collector runs).
    expect(after.peakRss - idle.rss).toBeLessThan(served);
    expect(after.peakRss).toBeLessThan(400 * 1024 * 1024);
  }, 240_000); // 2 million rows on a shared CI machine: generous, and never asserted on
});
