// `rowport --max-rows -5` said "argument is ambiguous"; `--total 1e3`, `--total 99999999999999999999`
// were not refused clearly. Every numeric flag is a usage error (exit 2) saying what is allowed (#10).
import { expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

const stderrOf = (argv: string[]) => runInProcess(argv, { input: '{"a":1}\n' });

it.each([
  ['--max-rows', '-5'],
  ['--total', '-5'],
  ['--max-rows', '2.5'],
  ['--total', '99999999999999999999'],
])('%s %s is exit 2 naming the flag and the allowed values', async (flag, value) => {
  const { code, stderr } = await stderrOf([flag, value]);
  expect(code).toBe(2);
  expect(stderr).toContain(`${flag} must be a whole number from 0`);
  expect(stderr).not.toContain('ambiguous');
});
