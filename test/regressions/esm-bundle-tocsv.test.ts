import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir.js';

// An esbuild ESM bundle of an app importing only `{ toCsv }` crashed at start with
// `Dynamic require of "fs" is not supported`: the CSV parser (and yazl) were imported eagerly.
const ROOT = resolve('.');
if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: build first (npm test does; locally run npx tsup)');
const work = tempDir('rowport-regression-').dir;
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('an ESM bundle importing only toCsv starts and writes CSV', async () => {
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(ROOT, join(work, 'node_modules', 'rowport'), 'dir');
  const result = await build({
    stdin: { contents: "import { toCsv } from 'rowport';\nfor await (const c of toCsv([{ a: 1 }])) process.stdout.write(c);\n", resolveDir: work },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const file = join(work, 'app.mjs');
  writeFileSync(file, result.outputFiles[0]?.contents as Uint8Array);
  expect(execFileSync(process.execPath, [file], { encoding: 'utf8' })).toBe('\uFEFFa\r\n1\r\n');
});
