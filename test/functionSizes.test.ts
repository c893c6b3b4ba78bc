import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the functions of src/', () => {
  it('are at most about a screen long, but the documented state machines (scripts/checkFunctionSizes.mjs)', () => {
    const run = spawnSync(process.execPath, ['scripts/checkFunctionSizes.mjs'], { encoding: 'utf8' });
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });
});
