// `--columns a:nosuchtype` silently made a header named "nosuchtype" and wrote the column untyped.
// A lower-case word after the key is a type, and an unknown one is a usage error (exit 2) (#10).
import { expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

it('--columns a:nosuchtype is exit 2 listing the types, and writes nothing', async () => {
  const { code, stdout, stderr: err } = await runInProcess(['--columns', 'a:nosuchtype'], { input: '{"a":1}\n' });
  expect(code).toBe(2);
  expect(err).toContain('unknown type "nosuchtype"; expected one of string, integer, decimal, percent, date, datetime, boolean');
  expect(stdout.toString()).toBe('');
});
