// Sibling of issue 10's split-BOM item, found in the CLI: JSON and NDJSON input in UTF-16 with a BOM
// failed ("invalid JSON: Unexpected … in state BOM"), and stdin's format was sniffed from the raw
// bytes, so a UTF-16 JSON array was taken for CSV. The CLI now decodes JSON as fromCsv decodes CSV.
import { describe, expect, it } from 'vitest';
import { readCsv, run } from '../helpers/cli.js';

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

describe('rowport with UTF-16 JSON input', () => {
  it.each([
    ['a JSON array, UTF-16LE, --from json', utf16le('[{"a":1,"b":"я"}]'), ['--from', 'json']],
    ['a JSON array, UTF-16BE, sniffed', utf16be('[{"a":1,"b":"я"}]'), []],
    ['NDJSON, UTF-16LE, sniffed', utf16le('{"a":1,"b":"я"}\n'), []],
    ['a JSON array, UTF-8 with a BOM, sniffed', Buffer.from('\uFEFF[{"a":1,"b":"я"}]'), []],
  ])('%s', async (_name, input, args) => {
    const result = await run(args, { input });
    expect(result.stderr).not.toMatch(/ROWPORT_/);
    expect(result.code).toBe(0);
    expect(readCsv(result.stdout.toString('utf8'))).toEqual([
      ['a', 'b'],
      ['1', 'я'],
    ]);
  });
});
