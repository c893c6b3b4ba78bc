import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The package's API, typed from the source (the built declarations are generated from it). */
export type Api = typeof import('../../src/index.js');

const require = createRequire(import.meta.url);

/** The built file, or a clear error: the `package` and `cli` projects need `npm run build` first. */
function built(file: string): string {
  const path = resolve('dist', file);
  if (!existsSync(path)) throw new Error(`${path} is missing: build first (npm test does; locally run npx tsup)`);
  return path;
}

/** The ESM build, as `import 'rowport'` loads it. The path is computed, so type checking needs no build. */
export const builtEsm = (): Promise<Api> => import(pathToFileURL(built('index.js')).href) as Promise<Api>;

/** The CommonJS build, as `require('rowport')` loads it. */
export const builtCjs = (): Api => require(built('index.cjs')) as Api;
