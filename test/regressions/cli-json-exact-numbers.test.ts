// CLI JSON input: `1.5e400` became Infinity and digits a double cannot hold were rounded before
// rowport saw them. Such numbers are now read exactly (a bigint, or their source text) (#10).
import { expect, it } from 'vitest';
import { cliOutput } from '../helpers/cli.js';
import { parts } from '../helpers/unzip.js';

const cli = cliOutput;

const JSON_ROWS = '[{"id": 9223372036854775807, "huge": 1.5e400, "amount": 12345678901234567.89}]';

it.each(['json', 'ndjson'])('writes %s numbers a double cannot hold with their own digits in CSV', async (from) => {
  const input = from === 'json' ? JSON_ROWS : JSON_ROWS.slice(1, -1);
  const csv = (await cli(['--from', from, '--to', 'csv'], input)).toString('utf8');
  expect(csv).toBe('\uFEFFid,huge,amount\r\n9223372036854775807,1.5e400,12345678901234567.89\r\n');
});

it('writes them as exact text in XLSX, also in typed columns', async () => {
  const xlsx = await cli(['--from', 'json', '--to', 'xlsx', '--columns', 'id:integer,huge:decimal,amount:decimal'], JSON_ROWS);
  const sheet = parts(xlsx)['xl/worksheets/sheet1.xml'] ?? '';
  for (const text of ['9223372036854775807', '1.5e400', '12345678901234567.89']) expect(sheet).toContain(`<t>${text}</t>`);
  expect(sheet).not.toContain('#NUM!');
});

it('keeps a CSV id typed --columns id:integer exact in XLSX', async () => {
  const xlsx = await cli(['--from', 'csv', '--to', 'xlsx', '--columns', 'id:integer'], 'id\r\n9223372036854775807\r\n42\r\n');
  const sheet = parts(xlsx)['xl/worksheets/sheet1.xml'] ?? '';
  expect(sheet).toContain('<t>9223372036854775807</t>');
  expect(sheet).toMatch(/<c r="A3"[^>]*><v>42<\/v><\/c>/);
});
