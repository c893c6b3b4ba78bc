import { resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * `entry` (a file, or the contents of one in test/runtimes) bundled with everything it imports (rowport/web from src/, date-fns) into one ES module
 * for a runtime that is not Node: esbuild's browser platform, so a `node:` import fails the build.
 * @param format - 'iife' with `globalName` for a page's script tag.
 */
export async function bundle(entry: string | { contents: string }, format: 'esm' | 'iife' = 'esm', globalName?: string): Promise<string> {
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [resolve(entry)] }
      : { stdin: { contents: entry.contents, resolveDir: resolve('test/runtimes'), loader: 'ts' as const } }),
    bundle: true,
    platform: 'browser',
    format,
    ...(globalName === undefined ? {} : { globalName }),
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    alias: { 'rowport/web': resolve('src/web/index.ts') },
  });
  return new TextDecoder().decode(result.outputFiles[0]?.contents);
}
