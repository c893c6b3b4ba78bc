// `rowport --max-rows -5` said "argument is ambiguous"; `--total 1e3`, `--total 99999999999999999999`
// were not refused clearly. Every numeric flag is a usage error (exit 2) saying what is allowed (#10).
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

async function stderrOf(argv: string[]): Promise<{ code: number; stderr: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough().resume();
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (c: Buffer) => (text += c.toString()));
  stdin.end('{"a":1}\n');
  return { code: await runCli(argv, { stdin, stdout, stderr }), stderr: text };
}

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
