import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/main.js';

/** Runs the CLI in-process with `input` on stdin; expects exit 0 and returns what it wrote to stdout. */
export async function cliOutput(args: string[], input: string): Promise<Buffer> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const out: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stdin.end(input);
  expect(await runCli(args, { stdin, stdout, stderr: new PassThrough() })).toBe(0);
  return Buffer.concat(out);
}
