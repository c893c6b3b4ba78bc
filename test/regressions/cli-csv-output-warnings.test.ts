// The CLI printed warnings (a `--columns` key no row has, ROWPORT_UNKNOWN_COLUMN) for XLSX output only:
// CSV output wrote the misspelt column empty without a word. toCsv's warnings now reach stderr too.
import { expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

it('warns of an unknown --columns key with CSV output', async () => {
  const result = await runInProcess(['--from', 'json', '--columns', 'id,nmae', '--no-bom'], { input: '[{"id":1,"name":"Ann"}]' });
  expect(result.code).toBe(0);
  expect(result.stderr).toContain('ROWPORT_UNKNOWN_COLUMN');
  expect(result.stderr).toContain('nmae');
});
