import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveTool, requireTool } from '../helpers/tools.js';
import { removeTempDirs, tempDir } from '../helpers/xlsx.js';
import { bundle } from './bundle.js';
import { expectScenario, readBack } from './check.js';
import type { ScenarioResult } from './scenario.js';

// rowport/web in the runtimes it is for: Deno, Bun, Cloudflare's workerd (through miniflare) and
// Chromium. Each runs test/runtimes/scenario.ts (bundled with esbuild for the browser platform);
// the bytes come back here and python's csv and openpyxl read them.
const run = promisify(execFile);
const BIN = resolve('node_modules/.bin');
const CHROMIUM = '/usr/bin/chromium';
const work = tempDir('rowport-runtimes-');
afterAll(removeTempDirs);

const PRINT = "import { runScenario } from './scenario.ts';\nconsole.log(JSON.stringify(await runScenario()));\n";
/** The XLSX of each runtime, for the cross-runtime comparison at the end. */
const files = new Map<string, Buffer>();

async function scenarioScript(): Promise<string> {
  const file = join(work, 'scenario.mjs');
  writeFileSync(file, await bundle({ contents: PRINT }));
  return file;
}

async function check(runtime: string, result: ScenarioResult): Promise<void> {
  const { readback, xlsx } = await readBack(result, runtime);
  expectScenario(result, readback);
  files.set(runtime, xlsx);
}

const haveBin = (name: string) => requireTool(name, () => readdirSync(BIN).includes(name));
const openpyxl = haveTool('openpyxl');

describe.runIf(openpyxl)('rowport/web in real runtimes', () => {
  let script: string;
  beforeAll(async () => {
    script = await scenarioScript();
  });

  it.runIf(haveBin('deno'))('Deno', async () => {
    const { stdout } = await run(join(BIN, 'deno'), ['run', '--quiet', '--no-prompt', script], {
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      maxBuffer: 64e6,
    });
    await check('deno', JSON.parse(stdout) as ScenarioResult);
  });

  it.runIf(haveBin('bun'))('Bun', async () => {
    const { stdout } = await run(join(BIN, 'bun'), ['run', script], { maxBuffer: 64e6 });
    await check('bun', JSON.parse(stdout) as ScenarioResult);
  });

  it.runIf(requireTool('chromium', () => readdirSync('/usr/bin').includes('chromium')))('Chromium', async () => {
    const code = await bundle(resolve('test/runtimes/scenario.ts'), 'iife', 'rowportScenario');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.addScriptTag({ content: code });
      const result = await page.evaluate(() =>
        (globalThis as unknown as { rowportScenario: { runScenario(): Promise<ScenarioResult> } }).rowportScenario.runScenario(),
      );
      await check('chromium', result);
    } finally {
      await browser.close();
    }
  });

  describe.runIf(haveBin('workerd'))('workerd (Cloudflare Workers, through miniflare)', () => {
    let mf: Miniflare;
    beforeAll(async () => {
      mf = new Miniflare({ modules: true, script: await bundle(resolve('test/runtimes/worker.ts')), compatibilityDate: '2026-04-01' });
      await mf.ready;
    });
    afterAll(() => mf?.dispose());

    it('runs the scenario', async () => {
      const response = await mf.dispatchFetch('http://worker/scenario');
      await check('workerd', (await response.json()) as ScenarioResult);
    });

    it('streams a 1M-row CSV and a 200k-row XLSX through a Response, the worker staying small', async () => {
      const sizes: Record<string, number> = {};
      for (const [kind, rows] of [
        ['csv', 1_000_000],
        ['xlsx', 200_000],
      ] as const) {
        const response = await mf.dispatchFetch(`http://worker/${kind}?rows=${rows}`);
        let bytes = 0;
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.length;
        }
        sizes[kind] = bytes;
        expect(bytes).toBeGreaterThan(rows * 20);
      }
      const peak = workerdPeakRss();
      console.log(`workerd: CSV ${sizes.csv} bytes, XLSX ${sizes.xlsx} bytes, workerd peak RSS ${peak === undefined ? '?' : `${Math.round(peak / 1024)} MB`}`);
      // the whole workerd process (runtime and V8 included) within a Worker's 128 MB
      if (peak !== undefined) expect(peak / 1024).toBeLessThan(128);
    });
  });

  afterAll(() => {
    if (files.size === 0) return;
    const [name, reference] = [...files][0] as [string, Buffer];
    for (const [runtime, bytes] of files) console.log(`${runtime}: ${bytes.length} bytes, identical to ${name}'s: ${bytes.equals(reference)}`);
  });
});

/** Peak resident memory (VmHWM, KiB) of the workerd process this test started, when /proc tells. */
function workerdPeakRss(): number | undefined {
  const mine = String(process.pid);
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!/^Name:\s*workerd/m.test(status)) continue;
      if (!isDescendant(pid, mine)) continue;
      return Number(/^VmHWM:\s*(\d+)/m.exec(status)?.[1]);
    } catch {}
  }
  return undefined;
}

function isDescendant(pid: string, ancestor: string): boolean {
  for (let at = pid, i = 0; at !== '0' && at !== '1' && i < 50; i++) {
    if (at === ancestor) return true;
    at = /^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${at}/status`, 'utf8'))?.[1] ?? '0';
  }
  return false;
}
