import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parts } from '../helpers/unzip.js';
import { tempDir } from '../helpers/tempDir.js';

// Apps bundled with esbuild for Node, importing the built package by its name (`npm test` builds
// first), as a serverless or container build would. Each bundle is run on its own.
const ROOT = resolve('.');
if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: build first (npm test does; locally run npx tsup)');

/** esbuild's documented answer for CommonJS packages in an ESM bundle (they `require()` Node built-ins). */
const REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

// Each program prints one line of JSON.
const PROGRAMS = {
  toCsv: `let s = ''; for await (const c of toCsv([{ id: 1, at: new Date(Date.UTC(2024, 0, 15)) }])) s += c; console.log(JSON.stringify(s));`,
  toCsvDateFns: `let s = ''; for await (const c of toCsv([{ at: new Date(Date.UTC(2024, 0, 1)) }], { dateFormat: 'do MMMM yyyy' })) s += c; console.log(JSON.stringify(s));`,
  toCsv1251: `let s = ''; for await (const c of toCsv([{ name: 'Жанна' }], { encoding: 'windows-1251' })) s += c.toString('hex'); console.log(JSON.stringify(s));`,
  toXlsx: `const b = []; for await (const c of toXlsx([{ id: 42, name: 'Ada' }])) b.push(c); console.log(JSON.stringify(Buffer.concat(b).toString('base64')));`,
  toCsv1251Failing: `try { for await (const c of toCsv([{ a: 'Ж' }], { encoding: 'windows-1251' })) void c; console.log('null'); } catch (e) { console.log(JSON.stringify({ code: e.code, iconv: /could not load iconv-lite/.test(e.message) })); }`,
  fromCsv: `const r = []; for await (const row of fromCsv(Buffer.from('\\uFEFFid,name\\r\\n1,"A, B"\\r\\n'))) r.push(row); console.log(JSON.stringify(r));`,
} as const;
type Program = keyof typeof PROGRAMS;

let work: string;
const sizes: string[] = [];

beforeAll(() => {
  work = tempDir('rowport-bundle-').dir;
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(ROOT, join(work, 'node_modules', 'rowport'), 'dir'); // resolved through its exports map
});

afterAll(() => {
  if (sizes.length > 0) console.log(`minified bundle sizes:\n${sizes.join('\n')}`);
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Bundles a program that imports only `name` from rowport, runs it, and returns its output and bundle. */
async function bundleAndRun(program: Program, format: 'esm' | 'cjs', banner = false) {
  const name = program.startsWith('toCsv') ? 'toCsv' : program.startsWith('toXlsx') ? 'toXlsx' : program;
  const body = PROGRAMS[program];
  const contents =
    format === 'esm' ? `import { ${name} } from 'rowport';\n${body}\n` : `const { ${name} } = require('rowport');\n(async () => { ${body} })();\n`;
  const result = await build({
    stdin: { contents, resolveDir: work, loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...(banner ? { banner: { js: REQUIRE_BANNER } } : {}),
  });
  const code = result.outputFiles[0]?.contents as Uint8Array;
  const file = join(work, `${program}.${format}${banner ? '.banner' : ''}.${format === 'esm' ? 'mjs' : 'cjs'}`);
  writeFileSync(file, code);
  sizes.push(`  ${name} ${format}${banner ? ' (require banner)' : ''}: ${code.length} bytes`);
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const packages = new Set(
    Object.entries(inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1])
      .filter((p): p is string => p !== undefined),
  );
  const output = execFileSync(process.execPath, [file], { encoding: 'utf8', cwd: work, env: { ...process.env, NODE_PATH: '' } });
  return { output: JSON.parse(output) as unknown, packages };
}

describe('an esbuild bundle', () => {
  it.each(['esm', 'cjs'] as const)('of toCsv alone runs (%s), with no banner', async (format) => {
    const { output, packages } = await bundleAndRun('toCsv', format);
    expect(output).toBe('\uFEFFid,at\r\n1,2024-01-15\r\n');
    if (format === 'esm') {
      // tree-shaken: no CSV parser, no CLI JSON parser, no zip writer
      expect([...packages].filter((p) => /fast-csv|streamparser|yazl/.test(p))).toEqual([]);
    }
  });

  it.each(['esm', 'cjs'] as const)('of toCsv imports date-fns for a pattern only it renders (%s)', async (format) => {
    const { output } = await bundleAndRun('toCsvDateFns', format);
    expect(output).toBe('\uFEFFat\r\n1st January 2024\r\n');
  });

  it.each([
    ['esm', true],
    ['cjs', false],
  ] as const)('of toCsv in windows-1251 runs (%s)', async (format, banner) => {
    const { output } = await bundleAndRun('toCsv1251', format, banner);
    expect(output).toBe(Buffer.from('name\r\n\xC6\xE0\xED\xED\xE0\r\n', 'latin1').toString('hex'));
  });

  it.each([
    ['esm', true],
    ['cjs', false],
  ] as const)('of toXlsx runs (%s)', async (format, banner) => {
    const { output } = await bundleAndRun('toXlsx', format, banner);
    const sheet = parts(Buffer.from(output as string, 'base64'))['xl/worksheets/sheet1.xml'];
    expect(sheet).toContain('<v>42</v>');
    expect(sheet).toContain('<t>Ada</t>');
  });

  it('of toXlsx in ESM runs without the banner (its zip writer is its own, over node:zlib)', async () => {
    const { output } = await bundleAndRun('toXlsx', 'esm');
    expect(parts(Buffer.from(output as string, 'base64'))['xl/worksheets/sheet1.xml']).toContain('<v>42</v>');
  });

  it('of a legacy-encoding toCsv in ESM without the banner starts, and its export fails saying why', async () => {
    const { output } = await bundleAndRun('toCsv1251Failing', 'esm');
    expect(output).toEqual({ code: 'ROWPORT_DEPENDENCY_FAILED', iconv: true });
  });

  it.each([
    ['esm', true],
    ['cjs', false],
  ] as const)('of fromCsv runs (%s)', async (format, banner) => {
    const { output } = await bundleAndRun('fromCsv', format, banner);
    expect(output).toEqual([{ id: '1', name: 'A, B' }]);
  });
});
