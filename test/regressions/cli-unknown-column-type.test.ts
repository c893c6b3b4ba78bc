// `--columns a:nosuchtype` silently made a header named "nosuchtype" and wrote the column untyped.
// A lower-case word after the key is a type, and an unknown one is a usage error (exit 2) (#10).
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

it('--columns a:nosuchtype is exit 2 listing the types, and writes nothing', async () => {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  stdin.end('{"a":1}\n');
  expect(await runCli(['--columns', 'a:nosuchtype'], { stdin, stdout, stderr })).toBe(2);
  expect(err).toContain('unknown type "nosuchtype"; expected one of string, integer, decimal, percent, date, datetime, boolean');
  expect(out).toBe('');
});
