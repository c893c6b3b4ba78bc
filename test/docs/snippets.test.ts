import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir.js';
import { isSh, isTs, pages, printedLines, promisedOutput, runs, type Snippet, snippetName, snippets } from './snippets.js';

// Every fenced code block of README.md and docs/*.md, as a user would try it (docs/index.md says how):
// each `ts` block is compiled against the BUILT package (`import … from 'rowport'` resolves through its
// exports map to dist/*.d.ts), strict and under exactOptionalPropertyTypes, and then run with Node in a
// folder of its own; each `sh` block is run by bash with `rowport` and `esbuild` on the PATH. A block
// marked `no-run` is compiled only (sh: not run); its free names come from the `prelude` block of
// docs/index.md. So a snippet that stops compiling, or throws, or a command that fails, fails here. A
// `ts` block marked `checked-output` must also print exactly what its `//=>` comments say.
const ROOT = resolve('.');
if (!existsSync(join(ROOT, 'dist', 'index.d.ts'))) throw new Error('dist/ is missing: build first (npm test does; locally run npx tsup)');

const ALL: Snippet[] = pages(ROOT).flatMap((page) => snippets(ROOT, page));
const RUNTIME = ALL.filter((s) => s.flags.includes('runtime'));
const TS = ALL.filter((s) => isTs(s) && !s.flags.includes('runtime'));
const SH = ALL.filter(isSh);
const PRELUDE = TS.filter((s) => s.flags.includes('prelude'));
const KNOWN_LANGS = new Set(['', 'ts', 'typescript', 'sh', 'bash', 'shell', 'text', 'json', 'csv']);
// `runtime`: a recipe for another runtime (a Worker, Deno, Bun, a browser page): the same code is a file
// of examples/web/ that test/web runs in that runtime; here it is only checked to be that file's code.
const KNOWN_FLAGS = new Set(['no-run', 'prelude', 'runtime', 'checked-output']);
const CHECKED = TS.filter((s) => s.flags.includes('checked-output'));

/** Small inputs the commands and recipes name, beside each block as it runs. */
const FIXTURES: Record<string, string> = {
  'users.json': JSON.stringify([
    { id: 1, email: 'ada@example.com', created_at: '2024-01-15 10:30:00' },
    { id: 2, email: 'alan@example.com', created_at: '2024-02-01 08:00:00' },
  ]),
  'events.ndjson': '{"at":"2024-01-15T10:30:00Z","kind":"login"}\n{"at":"2024-01-15T10:31:00Z","kind":"export"}\n',
  'data.csv': 'id,name,total\r\n1,Ada,12.50\r\n2,Alan,7\r\n',
  'in.csv': 'id,name\r\n1,Жанна\r\n2,Ada\r\n',
  'export.csv': '\uFEFFid,name\r\n1,Жанна\r\n2,Ada\r\n',
  'huge.ndjson': Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i, name: `row ${i}` })).join('\n'),
  // The app of the bundling recipe: what needs the `require` banner in an ESM bundle (XLSX, cp1251, fromCsv).
  'app.ts': [
    "import { fromCsv, toCsv, toXlsx } from 'rowport';",
    'const zip: Buffer[] = [];',
    'for await (const chunk of toXlsx([{ id: 1 }])) zip.push(chunk);',
    "let cp1251 = '';",
    "for await (const chunk of toCsv([{ name: 'Жанна' }], { encoding: 'windows-1251' })) cp1251 += chunk.toString('hex');",
    'const read: unknown[] = [];',
    "for await (const row of fromCsv(Buffer.from('id\\r\\n1\\r\\n'))) read.push(row);",
    "if (Buffer.concat(zip).subarray(0, 2).toString() !== 'PK' || cp1251 !== '6e616d650d0ac6e0edede00d0a' || read.length !== 1) throw new Error('wrong output');",
    "console.log('bundle ok');",
    '',
  ].join('\n'),
};

let work: string;

beforeAll(() => {
  work = tempDir('rowport-snippets-').dir;
  mkdirSync(join(work, 'node_modules', '@types'), { recursive: true });
  symlinkSync(ROOT, join(work, 'node_modules', 'rowport'), 'dir'); // as installed: resolved through its exports map
  symlinkSync(join(ROOT, 'node_modules', '@types', 'node'), join(work, 'node_modules', '@types', 'node'), 'dir');
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'snippets', private: true, type: 'module' }));
  mkdirSync(join(work, 'fixtures'));
  for (const [name, text] of Object.entries(FIXTURES)) writeFileSync(join(work, 'fixtures', name), text);
  const bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'rowport'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist', 'cli.js')}" "$@"\n`);
  writeFileSync(join(bin, 'esbuild'), `#!/bin/sh\nexec "${join(ROOT, 'node_modules', '.bin', 'esbuild')}" "$@"\n`);
  for (const name of ['rowport', 'esbuild']) chmodSync(join(bin, name), 0o755);
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Compiles snippets as modules of one project (the prelude's names declared when asked); returns tsc's errors. */
function typecheck(name: string, blocks: readonly Snippet[], prelude: boolean): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const s of blocks) writeFileSync(join(dir, `${snippetName(s)}.ts`), `${s.code}\nexport {};\n`);
  if (prelude) for (const s of PRELUDE) writeFileSync(join(dir, `prelude_${snippetName(s)}.d.ts`), s.code);
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: false,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }));
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { cwd: work, encoding: 'utf8' });
  // name each error by its page and line: README_md_42.ts(3,5) → README.md block at line 42, its line 3
  const byName = new Map(blocks.map((s) => [snippetName(s), s]));
  return `${result.stdout}${result.stderr}`.replace(/^.*?(\w+)\.ts\((\d+),(\d+)\)/gm, (whole, file: string, line: string) => {
    const s = byName.get(file);
    return s ? `${s.file}:${s.line + Number(line)}` : whole;
  });
}

/** A fresh folder with the fixtures and the package, for one block to run in. */
let folders = 0;
function folderFor(s: Snippet): string {
  const dir = join(work, 'run', `${snippetName(s)}_${++folders}`);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  cpSync(join(work, 'fixtures'), dir, { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules', 'rowport'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  return dir;
}

function runIn(dir: string, command: string, args: string[]) {
  const env = { ...process.env, PATH: `${join(work, 'bin')}:${process.env.PATH ?? ''}`, NODE_PATH: '', TZ: 'UTC' };
  const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout ?? '', output: `${result.stdout ?? ''}${result.stderr ?? ''}`, timedOut: result.error !== undefined };
}

/** Runs a `ts` block as a module of its own folder, compiled to JavaScript the way a user's bundler would. */
function runTs(s: Snippet) {
  const dir = folderFor(s);
  const js = transformSync(s.code, { loader: 'ts', format: 'esm', target: 'node20' }).code;
  writeFileSync(join(dir, 'snippet.mjs'), js);
  return runIn(dir, process.execPath, ['snippet.mjs']);
}

describe('the code blocks of README.md and docs/', () => {
  it('are found, each in a known language with known flags, and one prelude', () => {
    expect(TS.length).toBeGreaterThan(20);
    expect(SH.length).toBeGreaterThan(5);
    expect(PRELUDE.map((s) => s.file)).toEqual(['docs/index.md']);
    const unknown = ALL.filter((s) => !KNOWN_LANGS.has(s.lang) || s.flags.some((f) => !KNOWN_FLAGS.has(f)));
    expect(unknown.map((s) => `${s.file}:${s.line} ${s.lang} ${s.flags.join(' ')}`)).toEqual([]);
  });

  it('every runtime block is the code of a file in examples/web/, which test/web runs in its runtime', () => {
    const files = readdirSync(join(ROOT, 'examples/web')).map((name) => readFileSync(join(ROOT, 'examples/web', name), 'utf8'));
    const missing = RUNTIME.filter((s) => !files.some((file) => file.includes(s.code.trim())));
    expect(missing.map((s) => `${s.file}:${s.line}`)).toEqual([]);
  });

  it('every runnable ts block compiles against the built types, with no declared names', () => {
    expect(typecheck('ts-run', TS.filter(runs), false)).toBe('');
  }, 120_000);

  it('every no-run ts block compiles against the built types, with the prelude', () => {
    expect(
      typecheck(
        'ts-no-run',
        TS.filter((s) => !runs(s)),
        true,
      ),
    ).toBe('');
  }, 120_000);

  it.each(TS.filter(runs).map((s) => [`${s.file}:${s.line}`, s] as const))('ts block at %s runs', (_, s) => {
    const { status, stdout, output, timedOut } = runTs(s);
    expect({ status, timedOut, output }).toMatchObject({ status: 0, timedOut: false });
    if (s.flags.includes('checked-output')) expect(printedLines(stdout)).toEqual(promisedOutput(s.code));
  });

  it('every checked-output block runs and promises some output', () => {
    expect(CHECKED.length).toBeGreaterThan(5);
    expect(CHECKED.filter((s) => !runs(s) || promisedOutput(s.code).length === 0).map((s) => `${s.file}:${s.line}`)).toEqual([]);
  });

  it('a checked-output block whose //=> comment is wrong fails', () => {
    const code = ["console.log('a\\r\\nb'); //=> a", '//   b', 'console.log(1 + 1); //=> 3', ''].join('\n');
    const s: Snippet = { file: 'docs/wrong.md', line: 1, lang: 'ts', flags: ['checked-output'], code };
    expect(promisedOutput(code)).toEqual(['a', 'b', '3']);
    const { status, stdout } = runTs(s);
    expect(status).toBe(0);
    expect(printedLines(stdout)).toEqual(['a', 'b', '2']); // CRLF printed is two lines, as a terminal shows it
    expect(printedLines(stdout)).not.toEqual(promisedOutput(code));
  });

  it.each(SH.filter(runs).map((s) => [`${s.file}:${s.line}`, s] as const))('sh block at %s runs', (_, s) => {
    const dir = folderFor(s);
    writeFileSync(join(dir, 'snippet.sh'), s.code);
    const { status, output, timedOut } = runIn(dir, 'bash', ['-euo', 'pipefail', 'snippet.sh']);
    expect({ status, timedOut, output }).toMatchObject({ status: 0, timedOut: false });
  });
});

// The bundling command of docs/runtimes.md exactly as printed (no --minify): the bundle starts and
// writes XLSX, windows-1251 and reads CSV (the app fixture checks its own bytes).
describe('the esbuild banner command', () => {
  it('is printed once, runs as printed, and its bundle works', () => {
    const blocks = SH.filter((s) => s.code.includes('--banner:js='));
    expect(blocks.map((s) => s.file)).toEqual(['docs/runtimes.md']);
    const s = blocks[0] as Snippet;
    expect(runs(s)).toBe(true);
    expect(s.code).not.toContain('--minify');
    const dir = folderFor(s);
    writeFileSync(join(dir, 'snippet.sh'), s.code);
    const { status, output } = runIn(dir, 'bash', ['-euo', 'pipefail', 'snippet.sh']);
    expect(output).toContain('bundle ok');
    expect(status).toBe(0);
    // and the bundle is an ESM bundle that carries rowport (not a require of the package at run time)
    expect(execFileSync('grep', ['-c', 'createRequire', join(dir, 'app.mjs')], { encoding: 'utf8' }).trim()).not.toBe('0');
  });
});
