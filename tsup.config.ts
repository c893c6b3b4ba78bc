import { defineConfig } from 'tsup';

// Settings both builds share.
const shared = {
  sourcemap: true,
  // engines.node is >= 20; nothing newer is assumed.
  target: 'node20',
  platform: 'node',
  // One file per entry: the package is small, and chunk names would only add noise.
  splitting: false,
} as const;

export default defineConfig([
  {
    ...shared,
    // The library. With "type": "module": index.js + index.d.ts for import, index.cjs + index.d.cts for require.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    // Types come from the source, never written by hand.
    dts: true,
    // `import.meta.url` in the CommonJS build too (the CLI finds its own folder from it).
    shims: true,
    // The two builds run side by side: each cleans only its own files, so neither deletes the other's.
    clean: ['index.*'],
  },
  {
    ...shared,
    // `rowport/web`: the writers over Web Streams, for Workers, Deno, Bun, browsers and edge routes. No
    // `node:*` import and no `Buffer` in its graph (test/web/browserBundle.test.ts), so no Node shims.
    entry: { web: 'src/web/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'es2022',
    platform: 'neutral',
    clean: ['web.*'],
  },
  {
    ...shared,
    // The `rowport` bin, ESM only: nothing requires it, and its `import.meta.url` (to find package.json)
    // has no CommonJS equivalent. src/cli/main.ts starts with a shebang, which tsup keeps. No types: it
    // exports nothing for users.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    // The CLI's streaming JSON parser is bundled into cli.js (a devDependency, so library users do not
    // install a pre-1.0 package their code never loads); its MIT notice is in LICENSE.
    noExternal: ['@streamparser/json'],
    clean: ['cli.*'],
  },
]);
