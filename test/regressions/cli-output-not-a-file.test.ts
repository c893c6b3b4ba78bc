// `rowport -o` onto a pipe (a FIFO, `-o >(gzip > out.gz)`, `-o /dev/stdout` piped on) failed as a
// data error after reading the input, with the library's advice (`pipeline(stream,
// createWriteStream(path))`) that a command-line user cannot follow. It is a usage error now, found
// before any input is read, that says to write to stdout instead; the pipe is left as it was.
import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir } from '../helpers/tempDir.js';

const tmp = tempDir('rowport-cli-fifo-');
afterAll(() => tmp.cleanup());

it.skipIf(process.platform === 'win32')('is a usage error (exit 2) naming stdout, before the input is read', async () => {
  const fifo = tmp.path('out.csv');
  execFileSync('mkfifo', [fifo]);
  const stdin = new PassThrough();
  const stderr = new PassThrough();
  let said = '';
  stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const code = await runCli(['-o', fifo], { stdin, stdout: new PassThrough(), stderr }); // stdin never ends: it must not be read
  expect(code).toBe(2);
  expect(said).toMatch(/not a file/);
  expect(said).toMatch(/stdout/);
  expect(said).not.toMatch(/createWriteStream/);
  expect(lstatSync(fifo).isFIFO()).toBe(true);
});
