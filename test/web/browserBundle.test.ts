import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// rowport/web must run where there is no Node: its import graph, bundled by esbuild for the
// browser, may hold no `node:*` (or bare built-in) import and no reference to the global `Buffer`.
const ENTRY = resolve('src/web/index.ts');
const MARK = '__rowport_global_Buffer__';

async function bundle(contents: string) {
  const result = await build({
    stdin: { contents, resolveDir: resolve('.'), loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    // a free `Buffer` (the global, not `addBuffer` or a local) becomes MARK, found below
    define: { Buffer: MARK },
  });
  const text = new TextDecoder().decode(result.outputFiles[0]?.contents);
  const output = Object.values(result.metafile.outputs)[0];
  // the modules whose code is in the bundle (the metafile also lists those tree-shaken away)
  const inputs = Object.entries(output?.inputs ?? {})
    .filter(([path, { bytesInOutput }]) => bytesInOutput > 0 && path !== '<stdin>')
    .map(([path]) => path);
  return { text, inputs, bytes: text.length };
}

describe('rowport/web bundled for the browser', () => {
  it('has no node: import and no Buffer in its whole graph', async () => {
    const { text, inputs } = await bundle(`export * from ${JSON.stringify(ENTRY)};`);
    expect(inputs.filter((path) => path.startsWith('node:') || !/\.(ts|js|mjs|cjs|json)$/.test(path))).toEqual([]);
    expect(text).not.toContain(MARK);
    expect(text).not.toMatch(/\brequire\(/);
    // what the Node entry uses instead
    expect(inputs.filter((path) => /iconv-lite|yazl|buffer-crc32|src\/node\//.test(path))).toEqual([]);
  });

  it('fails the check for a module that uses Buffer (the check can fail)', async () => {
    const { text } = await bundle('export const b = Buffer.from("x");');
    expect(text).toContain(MARK);
  });

  it('fails for a node: import (the check can fail)', async () => {
    await expect(bundle("import { Readable } from 'node:stream'; export { Readable };")).rejects.toThrow(/node:stream/);
  });

  it('keeps iconv-lite out of a bundle of toCsv', async () => {
    const { inputs } = await bundle(`import { toCsv } from ${JSON.stringify(ENTRY)}; export default toCsv;`);
    expect(inputs.some((path) => path.includes('iconv-lite'))).toBe(false);
    expect(inputs.some((path) => path.includes('src/xlsx/'))).toBe(false);
  });
});
