// The CLI bounded a CSV input's fields (maxFieldBytes) but not a JSON row: a gzipped JSON array
// or NDJSON line of endless `0,` (a 400 KB gzip bomb) was parsed into one array until V8 aborted
// the process ("Fatal JavaScript invalid size error", exit 133, after 4 GB), leaving the `-o` temp
// file behind. A row (an NDJSON line, an element of a JSON array) past 16 MiB, the default limit
// of a CSV field, is now ROWPORT_INVALID_JSON naming its line: exit 1, and no file written.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

/** A gzipped file of `head`, `unit` repeated to `size` bytes, then `tail`. */
function bomb(name: string, head: string, unit: string, size: number, tail: string): string {
  const path = dir.path(name);
  writeFileSync(path, gzipSync(Buffer.concat([Buffer.from(head), Buffer.alloc(size, unit), Buffer.from(tail)])));
  return path;
}

describe('rowport on a JSON row with no end', () => {
  const size = 120 * 1024 * 1024;
  it.each([
    ['a JSON array element', 'rows.json.gz', '[{"a":1},\n[', '0,', '0]]'],
    ['an NDJSON line', 'rows.ndjson.gz', '{"a":1}\n[', '0,', '0]\n'],
  ])(
    'refuses %s past 16 MiB, naming its line, and writes no file',
    async (_, name, head, unit, tail) => {
      const input = bomb(name, head, unit, size, tail);
      const { code, stderr } = await run([input, '-o', dir.path('out.csv')], { env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=384' } });
      expect(stderr).toMatch(/ROWPORT_INVALID_JSON, line 2\)/);
      expect(code).toBe(1);
      expect(dir.files().filter((file) => !file.startsWith('rows.'))).toEqual([]); // no output, no temp file
    },
    60_000,
  );

  it.each([
    ['json', '[{"a":1,"b":""},\n{"a":2,"b":"', '"}]'],
    ['ndjson', '{"a":1,"b":""}\n{"a":2,"b":"', '"}\n'],
  ])(
    'still reads a %s row just under the limit',
    async (from, head, tail) => {
      const text = 'x'.repeat(16 * 1024 * 1024 - 16);
      const { code, stdout } = await run(['--from', from, '--to', 'csv', '--no-bom'], { input: `${head}${text}${tail}` });
      expect(code).toBe(0);
      const csv = stdout.toString();
      expect(csv.length).toBe(text.length + 13);
      expect(csv === `a,b\r\n1,\r\n2,${text}\r\n`).toBe(true); // not toBe: a failure would print 16 MiB
    },
    60_000,
  );
});
