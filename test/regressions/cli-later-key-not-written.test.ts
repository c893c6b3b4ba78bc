// `rowport` on NDJSON whose later rows have a key the first lacks (`{"a":1}` then `{"a":2,"b":3}`)
// wrote only `a`, exit 0 and not a word: the columns come from the first row's keys, so `b`'s values
// were lost silently. The CLI now warns once per such key, with its first row.
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

async function run(input: string, flags: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  stdin.end(input);
  const code = await runCli(flags, { stdin, stdout, stderr });
  return { code, out, err };
}

it('warns about a key only later rows have', async () => {
  const { code, out, err } = await run('{"a":1}\n{"a":2,"b":3}\n{"a":4,"b":5,"c":6}\n{"a":7,"b":8}\n', ['--from', 'ndjson']);
  expect(code).toBe(0);
  expect(out).toBe('\uFEFFa\r\n1\r\n2\r\n4\r\n7\r\n');
  expect(err).toMatch(/ROWPORT_UNWRITTEN_KEY/);
  expect(err).toMatch(/"b"/);
  expect(err).toMatch(/"c"/);
  expect(err.match(/"b" is not on the first row/g)).toHaveLength(1); // once per key
});

it.each([['--types', 'a:integer'], ['--detect-dates']])('warns with %s too, whose columns are the first row typed', async (...flags) => {
  const { out, err } = await run('{"a":1,"d":"2024-01-01"}\n{"a":2,"d":"2024-01-02","b":3}\n', ['--from', 'ndjson', ...flags]);
  expect(out.split('\r\n')[0]).toBe('\uFEFFa,d');
  expect(err).toMatch(/ROWPORT_UNWRITTEN_KEY/);
});

it('says nothing when --columns names the columns, or every row has the same keys', async () => {
  expect((await run('{"a":1}\n{"a":2,"b":3}\n', ['--from', 'ndjson', '--columns', 'a,b'])).err).not.toMatch(/UNWRITTEN/);
  expect((await run('[{"a":1,"b":2},{"b":3,"a":4}]', ['--from', 'json'])).err).not.toMatch(/UNWRITTEN/);
});
