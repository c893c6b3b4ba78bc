// For a pretty-printed JSON array, the CLI named the "input line" of a bad row as the line of its
// closing `}`, where RowLines promises the line the row starts on.
import { expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

it('names the line of the row’s opening brace', async () => {
  const input = '[\n  {\n    "d": "2024-01-01"\n  },\n  {\n    "d": "nope",\n    "x": [1,\n 2],\n    "y": {"z": 3}\n  }\n]\n';
  const result = await runInProcess(['--from', 'json', '--types', 'd:date', '--quiet'], { input });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('input line 5');
});

it('names the line of a scalar element', async () => {
  const result = await runInProcess(['--from', 'json', '--quiet'], { input: '[\n{"a":1},\n\n 7\n]' });
  expect(result.stderr).toContain('line 4');
});
