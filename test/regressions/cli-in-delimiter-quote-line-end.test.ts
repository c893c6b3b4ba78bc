// `--in-delimiter '"'` (or a line end) failed with exit 1, a data error, saying "Invalid option `quote`"
// (an option the user never gave), where a bad flag value is a usage error, exit 2, naming the flag.
import { expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

it.each([['"'], ['\n'], ['\r']])('--in-delimiter %j is exit 2 naming the flag', async (delimiter) => {
  const { code, stderr, stdout } = await runInProcess(['--from', 'csv', '--in-delimiter', delimiter], { input: 'a"b\n1"2\n' });
  expect(code).toBe(2);
  expect(stderr).toContain('--in-delimiter');
  expect(stderr).not.toContain('`quote`');
  expect(stdout.length).toBe(0);
});

it('still takes a delimiter such as ; or TAB', async () => {
  expect((await runInProcess(['--from', 'csv', '--in-delimiter', ';', '-q'], { input: 'a;b\n1;2\n' })).code).toBe(0);
  expect((await runInProcess(['--from', 'csv', '--in-delimiter', 'tab', '-q'], { input: 'a\tb\n1\t2\n' })).code).toBe(0);
});
