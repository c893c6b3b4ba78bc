import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Type tests that need compiler settings of their own, each a small project checked against the
// built declarations (`npm test` builds first), as a user's project sees them.
const TSC = resolve('node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(resolve('dist', 'index.d.ts'))) throw new Error('dist/ is missing: build first (npm test does; locally run npx tsup)');

function typeCheck(project: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [TSC, '-p', join('test', 'types', project, 'tsconfig.json')], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('public types under other compiler settings', () => {
  it('accept a DOM ReadableStream as rows with lib: ["dom"] and no dom.asynciterable', () => {
    expect(typeCheck('lib-dom')).toEqual({ status: 0, output: '' });
  });

  it('take undefined for every optional option with exactOptionalPropertyTypes', () => {
    expect(typeCheck('exact')).toEqual({ status: 0, output: '' });
  });
});
