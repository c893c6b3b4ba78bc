// A delimiter holding `"` with no `quote` given was refused as a bad `quote` (the CLI said
// "--quote:", a flag it does not have). The delimiter is now named.
import { expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { runInProcess } from '../helpers/cli.js';

it('names the delimiter', () => {
  expect(() => toCsv([], { delimiter: '"' })).toThrow(/`delimiter`/);
  expect(() => toCsv([], { delimiter: ';', quote: ';' })).toThrow(/`quote`/);
  expect(() => toCsv([], { delimiter: '"', quote: "'" })).not.toThrow();
});

it('the CLI names --delimiter', async () => {
  const result = await runInProcess(['--from', 'json', '--delimiter', '"'], { input: '[]' });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('--delimiter');
  expect(result.stderr).not.toContain('--quote');
});
