// `import { toCsv } from 'rowport/web'` did not compile in a TypeScript project on the classic
// resolution (`"module": "commonjs"` with no `moduleResolution`, or `"moduleResolution": "node"`):
// TS2307, cannot find module 'rowport/web', though Node's `require('rowport/web')` runs. That
// resolution reads no `exports` map; `typesVersions` now points it to dist/web.d.ts. Checked against
// the built package (`npm test` builds first), resolved by its name as an installed one is.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TempDir, tempDir } from '../helpers/tempDir.js';

const ROOT = resolve('.');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(join(ROOT, 'dist', 'web.d.ts'))) throw new Error('dist/ is missing: build first (npm test does; locally run npx tsup)');

let app: TempDir;

beforeAll(() => {
  app = tempDir('rowport-node10-');
  mkdirSync(app.path('node_modules'));
  symlinkSync(ROOT, join(app.dir, 'node_modules', 'rowport'), 'dir');
  writeFileSync(
    app.path('app.ts'),
    `import { toCsv, type WebToCsvOptions } from 'rowport/web';\nimport { toXlsx } from 'rowport';\nconst o: WebToCsvOptions = { gzip: true };\nexport const out = [toCsv([{ id: 1 }], o), toXlsx([{ id: 1 }])];\n`,
  );
});

afterAll(() => app?.cleanup());

describe('the types of rowport/web under the classic (node10) resolution', () => {
  it.each(['node10', 'node'])(
    'resolve with moduleResolution %s and module commonjs',
    (resolution) => {
      const args = ['--noEmit', '--strict', '--module', 'commonjs', '--moduleResolution', resolution, '--target', 'es2022', '--lib', 'es2022,dom'];
      const typeRoots = ['--typeRoots', join(ROOT, 'node_modules', '@types'), '--types', 'node'];
      const run = spawnSync(process.execPath, [TSC, ...args, ...typeRoots, 'app.ts'], { cwd: app.dir, encoding: 'utf8' });
      expect(run.stdout).toBe('');
      expect(run.status).toBe(0);
    },
    120_000,
  );
});
