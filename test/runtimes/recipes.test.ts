import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { haveTool, python, requireTool } from '../helpers/tools.js';
import { removeTempDirs, tempDir } from '../helpers/xlsx.js';
import { bundle } from './bundle.js';

// The recipes of docs/web.md (examples/web/) run in their runtimes; python reads what they return.
const run = promisify(execFile);
const BIN = resolve('node_modules/.bin');
const work = tempDir('rowport-recipes-');
afterAll(removeTempDirs);
const haveBin = (name: string) => requireTool(name, () => readdirSync(BIN).includes(name));

/** Calls `call` (an expression giving a Response) in a bundled script and prints its body as base64. */
const printing = (imports: string, call: string) => `${imports}
const response = await (${call});
const bytes = new Uint8Array(await response.arrayBuffer());
let binary = '';
for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
console.log(JSON.stringify({ body: btoa(binary), disposition: response.headers.get('content-disposition') }));
`;

async function runIn(runtime: 'deno' | 'bun', contents: string): Promise<{ body: Buffer; disposition: string | null }> {
  const file = join(work, `${runtime}-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, await bundle({ contents }));
  const args = runtime === 'deno' ? ['run', '--quiet', '--no-prompt', file] : ['run', file];
  const { stdout } = await run(join(BIN, runtime), args, { env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }, maxBuffer: 64e6 });
  const { body, disposition } = JSON.parse(stdout) as { body: string; disposition: string | null };
  return { body: Buffer.from(body, 'base64'), disposition };
}

/** Rows of an XLSX (openpyxl) or a CSV (python's csv) as text. */
function readRows(bytes: Buffer, kind: 'xlsx' | 'csv'): string[][] {
  const path = join(work, `read-${Math.random().toString(36).slice(2)}.${kind}`);
  writeFileSync(path, bytes);
  return python<string[][]>(
    kind === 'xlsx'
      ? 'import json, sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1]).active\nprint(json.dumps([[str(v) for v in r] for r in ws.iter_rows(values_only=True)]))'
      : "import csv, json, sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))))",
    null,
    [path],
  );
}

const FIRST = ['Student 1', '0', '2024-01-01 00:00:00'];

describe.runIf(haveTool('openpyxl'))('the web recipes', () => {
  it.runIf(haveBin('workerd'))('Cloudflare Worker (workerd)', async () => {
    const mf = new Miniflare({ modules: true, script: await bundle('examples/web/worker.ts'), compatibilityDate: '2026-04-01' });
    try {
      const xlsx = await mf.dispatchFetch('http://worker/scores.xlsx');
      expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="scores_20240115_000000.xlsx"');
      const rows = readRows(Buffer.from(await xlsx.arrayBuffer()), 'xlsx');
      expect(rows).toHaveLength(101);
      expect(rows[1]).toEqual(FIRST);
      const csv = readRows(Buffer.from(await (await mf.dispatchFetch('http://worker/scores.csv')).arrayBuffer()), 'csv');
      expect(csv[1]).toEqual(['Student 1', '0', '2024-01-01T00:00:00.000Z'.slice(0, 10)]);
    } finally {
      await mf.dispose();
    }
  });

  it.runIf(haveBin('deno'))('Deno server, and the Next.js edge route handler', async () => {
    const deno = await runIn('deno', printing("import server from '../../examples/web/deno.ts';", "server.fetch(new Request('http://localhost/'))"));
    expect(deno.disposition).toBe('attachment; filename="scores.xlsx"');
    expect(readRows(deno.body, 'xlsx')[1]).toEqual(FIRST);
    const next = await runIn('deno', printing("import { GET } from '../../examples/web/nextRoute.ts';", "GET(new Request('http://localhost/api/scores'))"));
    expect(readRows(next.body, 'xlsx')).toHaveLength(101);
  });

  it.runIf(haveBin('bun'))('Bun server', async () => {
    const bun = await runIn('bun', printing("import server from '../../examples/web/bun.ts';", "server.fetch(new Request('http://localhost/'))"));
    expect(readRows(bun.body, 'csv')).toHaveLength(101);
    expect(readRows(bun.body, 'csv')[1]).toEqual(['Student 1', '0', '2024-01-01']);
  });

  it.runIf(requireTool('chromium', () => readdirSync('/usr/bin').includes('chromium')))('browser download button (Chromium)', async () => {
    const code = await bundle('examples/web/download.ts', 'iife', 'recipe');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ acceptDownloads: true });
      await page.addScriptTag({ content: code });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.evaluate(() =>
          (globalThis as unknown as { recipe: { downloadScores(d: unknown): Promise<void> } }).recipe.downloadScores(
            (globalThis as unknown as { document: unknown }).document,
          ),
        ),
      ]);
      expect(download.suggestedFilename()).toBe('scores.xlsx');
      const rows = readRows(readFileSync(await download.path()), 'xlsx');
      expect(rows).toHaveLength(101);
      expect(rows[1]).toEqual(FIRST);
      // An export that fails rejects with its RowportError, not Chromium's `TypeError: Failed to fetch`.
      const failure = await page.evaluate(async () => {
        function* failing() {
          yield { student: 'Ada', score: 1, day: new Date(0) };
          throw new Error('the cursor broke');
        }
        const recipe = (globalThis as unknown as { recipe: { downloadScores(d: unknown, rows: unknown): Promise<void> } }).recipe;
        try {
          await recipe.downloadScores((globalThis as unknown as { document: unknown }).document, failing());
          return undefined;
        } catch (error) {
          const { name, code, message } = error as { name: string; code?: string; message: string };
          return { name, code, message };
        }
      });
      expect(failure).toMatchObject({ name: 'RowportError', code: 'ROWPORT_SOURCE_FAILED', message: expect.stringContaining('the cursor broke') });
    } finally {
      await browser.close();
    }
  });
});
