// CLI JSON input: a string starting with U+FEFF (raw or as the escape `\ufeff`), or with it right
// after an escape such as `\n`, lost that character: the JSON tokenizer decodes each run of a
// string with a TextDecoder that drops a leading U+FEFF as a byte order mark. JSON arrays were hit,
// and NDJSON lines with a long number (which take the same tokenizer). The strings now keep it, in
// CSV and XLSX output, as `toCsv` and `toXlsx` write the same rows (#12).
import { expect, it } from 'vitest';
import { cliOutput } from '../helpers/cli.js';
import { toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

const cli = cliOutput;

const ROW = { a: '\uFEFFx', b: '\n\uFEFFy', c: '\uFEFF', n: 12345678901234567890n };
const JSON_ROW = '{"a": "\uFEFFx", "b": "\\n\\ufeffy", "c": "\\uFEFF", "n": 12345678901234567890}';

it.each(['json', 'ndjson'])('%s input keeps U+FEFF in strings, as toCsv writes them', async (from) => {
  const input = from === 'json' ? `[${JSON_ROW}]` : JSON_ROW;
  const csv = await cli(['--from', from, '--to', 'csv'], input);
  expect(csv.toString('utf8')).toBe((await readAll(toCsv([ROW]))).toString('utf8'));
});

it('keeps it in XLSX output', async () => {
  const sheet = parts(await cli(['--from', 'json', '--to', 'xlsx'], `[${JSON_ROW}]`))['xl/worksheets/sheet1.xml'] ?? '';
  expect(sheet).toContain('>\uFEFFx<');
  expect(sheet).toContain('>\n\uFEFFy<');
});
