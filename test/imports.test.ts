import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the modules of src/', () => {
  it('import each other without a cycle (scripts/importCycles.mjs)', () => {
    const run = spawnSync(process.execPath, ['scripts/importCycles.mjs'], { encoding: 'utf8' });
    expect(run.stdout).toMatch(/^no import cycle in \d+ modules/m);
    expect(run.status).toBe(0);
  });
});
