// The CLI's error for a character the output encoding cannot hold advised `unmappable: 'replace'`,
// an option of toCsv that the CLI had no flag for. `--unmappable error|replace` now exists, and the
// CLI's message advises it (#22).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { HELP, parseCliArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/usageError.js';
import { readCsvWithPython, runInProcess } from '../helpers/cli.js';

const input = '[{"id":1,"name":"Мария"},{"id":2,"name":"李 Li"}]';

it('without the flag, the error advises --unmappable replace', async () => {
  const result = await runInProcess(['--from', 'json', '--encoding', 'windows-1251', '--quiet'], { input });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('ROWPORT_UNMAPPABLE_CHARACTER');
  expect(result.stderr).toContain('--unmappable replace');
  expect(result.stderr).not.toContain("unmappable: 'replace'");
});

it('--unmappable replace writes ? for the character, read back by python csv', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'rowport-unmappable-')), 'out.csv');
  const result = await runInProcess(['--from', 'json', '--encoding', 'windows-1251', '--unmappable', 'replace', '--quiet', '-o', out], { input });
  expect(result.code).toBe(0);
  expect(readCsvWithPython(out, 'cp1251')).toEqual([
    ['id', 'name'],
    ['1', 'Мария'],
    ['2', '? Li'],
  ]);
});

it('--unmappable error is the default, and other values are usage errors', () => {
  expect(parseCliArgs(['--unmappable', 'error']).unmappable).toBe('error');
  expect(parseCliArgs([]).unmappable).toBeUndefined();
  expect(() => parseCliArgs(['--unmappable', 'skip'])).toThrow(UsageError);
  expect(HELP).toContain('--unmappable error|replace');
});

it('--unmappable is refused for XLSX output', async () => {
  const result = await runInProcess(['--from', 'json', '--to', 'xlsx', '--unmappable', 'replace', '-o', '/tmp/never-written.xlsx'], { input });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('--unmappable');
});
