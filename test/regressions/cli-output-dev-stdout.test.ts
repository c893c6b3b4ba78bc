// `rowport -o /dev/stdout` with stdout redirected to a file renamed its temp file onto /dev/stdout:
// run as root (containers), that replaced the /dev/stdout symlink itself with a plain file, and the
// redirected file got nothing. /dev/stdout (and /dev/fd/1, /proc/self/fd/1) is now stdout.
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

it.each(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1'])('-o %s writes to stdout', async (path) => {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let written = '';
  stdout.on('data', (chunk: Buffer) => (written += chunk.toString()));
  stdin.end('[{"a":1,"b":"x"}]');
  const code = await runCli(['--from', 'json', '-o', path], { stdin, stdout, stderr: new PassThrough() });
  expect(code).toBe(0);
  expect(written).toBe('\uFEFFa,b\r\n1,x\r\n');
});
