import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir.js';

// What a user gets: the working tree copied as a fresh clone would have it (no dist/), packed with
// `npm pack` (whose `prepack` must build), and the tarball installed into a new project.
const ROOT = resolve('.');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const EXPECTED_CSV = '\uFEFFid,name\r\n1,Ada\r\n';

let work: string;
let app: string;
let tarball: string;

beforeAll(() => {
  work = tempDir('rowport-pack-').dir;
  const clone = join(work, 'clone');
  // tracked and new files, as `git clone` of this tree would give (dist/ and out/ are ignored)
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && /^(src\/|package(-lock)?\.json$|tsconfig\.json$|tsup\.config\.ts$|README\.md$|CHANGELOG\.md$|LICENSE$)/.test(f));
  for (const file of files) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(clone, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir'); // as after `npm ci`
  execFileSync(NPM, ['pack', '--pack-destination', work, '--silent'], { cwd: clone, stdio: 'ignore' });
  const [name] = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  tarball = join(work, name as string);

  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  // dependencies come from npm's cache where it has them (filled by `npm ci`), else the registry
  execFileSync(NPM, ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'ignore' });
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the build, the licence and nothing that does not run', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listed).toEqual(
      [
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'dist/cli.js',
        'dist/cli.js.map',
        'dist/index.cjs',
        'dist/index.cjs.map',
        'dist/index.d.cts',
        'dist/index.d.ts',
        'dist/index.js',
        'dist/index.js.map',
        'dist/web.cjs',
        'dist/web.cjs.map',
        'dist/web.d.cts',
        'dist/web.d.ts',
        'dist/web.js',
        'dist/web.js.map',
        'package.json',
      ].map((f) => `package/${f}`),
    );
  });

  it('works with import and require of rowport/web', () => {
    writeFileSync(
      join(app, 'web.mjs'),
      `import { createRequire } from 'node:module';
       import { toCsv, toXlsx } from 'rowport/web';
       const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(toCsv([{ id: 1, name: 'Ada' }])).arrayBuffer());
       const zip = (await new Response(toXlsx([{ id: 1 }])).arrayBuffer()).byteLength;
       const cjs = createRequire(import.meta.url)('rowport/web');
       process.stdout.write(JSON.stringify({ csv, zip: zip > 1000, cjs: typeof cjs.toWorkbook }));`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['web.mjs'], { cwd: app, encoding: 'utf8' }));
    expect(out).toEqual({ csv: EXPECTED_CSV, zip: true, cjs: 'function' });
  });

  it('works with import', () => {
    writeFileSync(
      join(app, 'esm.mjs'),
      `import { toCsv, toXlsx, isRowportError } from 'rowport';
       let csv = ''; for await (const c of toCsv([{ id: 1, name: 'Ada' }])) csv += c;
       let zip = 0; for await (const c of toXlsx([{ id: 1 }])) zip += c.length;
       process.stdout.write(JSON.stringify({ csv, zip: zip > 1000, brand: typeof isRowportError }));`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['esm.mjs'], { cwd: app, encoding: 'utf8' }));
    expect(out).toEqual({ csv: EXPECTED_CSV, zip: true, brand: 'function' });
  });

  it('works with require', () => {
    writeFileSync(
      join(app, 'cjs.cjs'),
      `const { toCsv } = require('rowport');
       (async () => { let csv = ''; for await (const c of toCsv([{ id: 1, name: 'Ada' }])) csv += c; process.stdout.write(csv); })();`,
    );
    expect(execFileSync(process.execPath, ['cjs.cjs'], { cwd: app, encoding: 'utf8' })).toBe(EXPECTED_CSV);
  });

  it('type-checks under import and require, and its types reject a wrong option', () => {
    const ok = `import { toCsv, type ToCsvOptions } from 'rowport';\nconst o: ToCsvOptions = { delimiter: ';' };\nexport const s = toCsv([{ id: 1 }], o);\n`;
    writeFileSync(join(app, 'ok.mts'), ok);
    writeFileSync(join(app, 'ok.cts'), ok);
    writeFileSync(join(app, 'bad.mts'), `import { toCsv } from 'rowport';\ntoCsv([{ id: 1 }], { delimiter: 1 });\n`);
    const tsc = (...files: string[]) =>
      spawnSync(
        process.execPath,
        [
          TSC,
          '--noEmit',
          '--strict',
          '--module',
          'nodenext',
          '--moduleResolution',
          'nodenext',
          '--typeRoots',
          join(ROOT, 'node_modules', '@types'),
          '--types',
          'node',
          ...files,
        ],
        { cwd: app, encoding: 'utf8' },
      );
    const both = tsc('ok.mts', 'ok.cts'); // one program: the import and the require resolution of the package
    expect(both.stdout).toBe('');
    expect(both.status).toBe(0);
    const bad = tsc('bad.mts');
    expect(bad.stdout).toContain('TS2322');
    expect(bad.status).not.toBe(0);
  }, 180_000); // two tsc runs over @types/node: slow on a loaded machine

  it('types rowport/web without @types/node (lib dom only, no skipLibCheck)', () => {
    writeFileSync(
      join(app, 'edge.mts'),
      `import { toCsv, toXlsx, type WebToCsvOptions } from 'rowport/web';\nconst o: WebToCsvOptions = { gzip: true };\nexport const r: ReadableStream<Uint8Array>[] = [toCsv([{ id: 1 }], o), toXlsx([{ id: 1 }])];\n`,
    );
    const compilerOptions = { noEmit: true, strict: true, module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [] };
    writeFileSync(join(app, 'tsconfig.edge.json'), JSON.stringify({ compilerOptions, files: ['edge.mts'] }));
    const run = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.edge.json'], { cwd: app, encoding: 'utf8' });
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  }, 120_000);

  it('installs the rowport bin', () => {
    const bin = join(app, 'node_modules', '.bin', 'rowport');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
    const csv = execFileSync(bin, ['--from', 'json', '--quiet'], { input: '[{"id":1,"name":"Ada"}]', encoding: 'utf8' });
    expect(csv).toBe(EXPECTED_CSV);
  });
});
