import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The suite in projects, so that `npm run test:unit` is a fast loop while `npm test` stays the whole suite:
// - unit:     the library through its source; no build, no services (readers such as openpyxl may be used)
// - cli:      the built `rowport` bin in a child process (dist/cli.js: build first)
// - interop:  our files read back by LibreOffice, openpyxl, Python's csv, exceljs
// - examples: the example service against real PostgreSQL, Redis and s3rver
// - package:  the built package: bundles, an installed tarball, declarations under other tsconfigs
// - slow:     *.slow.test.ts (a sheet past 1,048,576 rows, ...)
const CLI = ['test/cli/**/*.test.ts', 'test/regressions/cli-*.test.ts', 'test/regressions/fromcsv-proto-header.test.ts'];
const INTEROP = ['test/interop/**/*.test.ts'];
const EXAMPLES = ['test/examples/**/*.test.ts', 'test/regressions/examples-*.test.ts'];
const PACKAGE = [
  'test/package/**/*.test.ts',
  'test/docs/snippets.test.ts',
  'test/docs/facts.test.ts',
  'test/package.test.ts',
  'test/regressions/esm-bundle-*.test.ts',
  'test/regressions/package-*.test.ts',
  'test/types/tsconfigs.test.ts',
];
const SLOW = ['test/**/*.slow.test.ts'];
// - runtimes: rowport/web in Deno, Bun, workerd (miniflare) and Chromium (test/runtimes)
const RUNTIMES = ['test/runtimes/**/*.test.ts', 'test/regressions/runtimes-*.test.ts'];

export default defineConfig({
  resolve: {
    // Examples import the package by its name, as a user would; tests run them against the source.
    alias: {
      'rowport/web': fileURLToPath(new URL('./src/web/index.ts', import.meta.url)),
      rowport: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // `npm run coverage`: the unit project's coverage of src/ (@vitest/coverage-v8, vitest's exact version).
    coverage: { provider: 'v8', include: ['src/**/*.ts'], reporter: ['text-summary', 'html'], reportsDirectory: 'coverage' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...CLI, ...INTEROP, ...EXAMPLES, ...PACKAGE, ...SLOW, ...RUNTIMES],
          typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.typecheck.json' },
        },
      },
      { extends: true, test: { name: 'cli', include: CLI, exclude: SLOW } },
      { extends: true, test: { name: 'interop', include: INTEROP, exclude: SLOW } },
      { extends: true, test: { name: 'examples', include: EXAMPLES, exclude: SLOW } },
      { extends: true, test: { name: 'package', include: PACKAGE } },
      { extends: true, test: { name: 'slow', include: SLOW } },
      { extends: true, test: { name: 'runtimes', include: RUNTIMES } },
    ],
  },
});
