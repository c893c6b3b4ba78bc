import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the modules of src/', () => {
  it('import only down the layers of docs/architecture.md, never in a cycle (scripts/checkImports.mjs)', () => {
    const run = spawnSync(process.execPath, ['scripts/checkImports.mjs'], { encoding: 'utf8' });
    expect(run.stdout).toMatch(/^no import cycle, every import goes down the layers/m);
    expect(run.status).toBe(0);
  });
});
