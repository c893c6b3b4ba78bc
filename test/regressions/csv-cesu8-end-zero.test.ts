// fromCsv (and so the CLI) read CESU-8 input with a "0" appended at its end: iconv-lite's cesu8
// decoder returns the number 0 from end(), which the decoder's flush appended as text. A file
// ending in a line end got a phantom last row `0`; one without, its last value changed (1 -> 10).
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';
import { runInProcess } from '../helpers/cli.js';

async function read(bytes: Buffer): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  for await (const row of fromCsv(bytes, { encoding: 'cesu8' })) rows.push(row);
  return rows;
}

it('reads CESU-8 with and without a final line end, nothing added', async () => {
  expect(await read(iconv.encode('name,qty\r\nAda,1\r\nBob,2\r\n', 'cesu8'))).toEqual([
    { name: 'Ada', qty: '1' },
    { name: 'Bob', qty: '2' },
  ]);
  expect(await read(iconv.encode('name,qty\nAda,1', 'cesu8'))).toEqual([{ name: 'Ada', qty: '1' }]);
});

it('the CLI reads CESU-8 NDJSON', async () => {
  const result = await runInProcess(['--from', 'ndjson', '--in-encoding', 'cesu8', '--no-bom', '--quiet'], { input: iconv.encode('{"a":1}\n', 'cesu8') });
  expect(result.stderr).toBe('');
  expect(String(result.stdout)).toBe('a\r\n1\r\n');
});
