import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The built package, as users load it (`npm test` builds first).
const require = createRequire(import.meta.url);

describe('the built package', () => {
  it('loads as ESM and as CommonJS with the same API', async () => {
    const esm = await import('../dist/index.js');
    const cjs = require('../dist/index.cjs') as typeof esm;
    const names = ['toCsv', 'fromCsv', 'selectColumns', 'formatDate', 'formatDates', 'exportToFile', 'exportFileName', 'contentDisposition', 'RowportError', 'isRowportError'];
    for (const name of names) {
      expect(typeof esm[name as keyof typeof esm]).toBe('function');
      expect(typeof cjs[name as keyof typeof cjs]).toBe('function');
    }
  });

  it('isRowportError recognises an error from the other build, where instanceof cannot', async () => {
    const esm = await import('../dist/index.js');
    const cjs = require('../dist/index.cjs') as typeof esm;
    const fromCjs = new cjs.RowportError('ROWPORT_ABORTED', 'x');
    expect(fromCjs instanceof esm.RowportError).toBe(false);
    expect(esm.isRowportError(fromCjs)).toBe(true);
    expect(esm.isRowportError(new Error('x'))).toBe(false);
  });
});
