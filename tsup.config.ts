import { defineConfig } from 'tsup';

export default defineConfig({
  // The library and the CLI; src/cli/main.ts starts with a shebang, which tsup keeps.
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  // With "type": "module": index.js + index.d.ts for import, index.cjs + index.d.cts for require.
  format: ['esm', 'cjs'],
  // Types come from the source, never written by hand.
  dts: true,
  clean: true,
  sourcemap: true,
  // engines.node is >= 20; nothing newer is assumed.
  target: 'node20',
  platform: 'node',
  // One file per entry: the package is small, and chunk names would only add noise.
  splitting: false,
});
