import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';

/** Python's csv module reads bytes decoded with `encoding`, in the dialect we wrote. */
const PY_READ = `
import csv, io, json, sys
spec = json.load(sys.stdin)
out = []
for f in spec['files']:
    data = bytes.fromhex(f['hex']).decode(f['encoding'])
    if data.startswith('\\ufeff'): data = data[1:]
    rows = list(csv.reader(io.StringIO(data, newline=''), delimiter=f['delimiter'], quotechar=f['quote'], strict=True))
    out.append(rows)
json.dump(out, sys.stdout)
`;

// Any Unicode text, biased towards what breaks CSV writers.
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom(',', ';', '\t', '"', "'", '\r', '\n', '\r\n', ' ', '=', '+', '-', '@', '＝', 'a', 'я', '日', 'é') }),
  fc.constantFrom('', ' ', '"', '""', '\r\n', 'ID', '=1+2', '-1', '+1', '@x', 'NaN'),
);
// Text each legacy encoding can hold.
const cp1251Text = fc.string({ unit: fc.constantFrom('a', 'Z', 'я', 'Ж', 'ё', '№', ',', ';', '"', '\n', '\r', ' ', '=', '-', '€') });
const sjisText = fc.string({ unit: fc.constantFrom('a', '日', '本', 'ア', 'ｶ', '。', ',', '"', '\n', '\r\n', ' ', '=') });

const dialects = [
  { delimiter: ',', quote: '"', lineEnding: '\r\n' as const, quoteAll: false },
  { delimiter: ';', quote: '"', lineEnding: '\n' as const, quoteAll: false },
  { delimiter: '\t', quote: "'", lineEnding: '\r\n' as const, quoteAll: true },
  { delimiter: '|', quote: '"', lineEnding: '\r' as const, quoteAll: false },
];
const encodings = [
  { encoding: 'utf-8', py: 'utf-8', text: nasty },
  { encoding: 'utf-16le', py: 'utf-16-le', text: nasty },
  { encoding: 'windows-1251', py: 'cp1251', text: cp1251Text },
  { encoding: 'shift_jis', py: 'shift_jis', text: sjisText },
];

/** What a reader should see: formula-looking text gets the apostrophe prefix. */
function expected(rows: string[][]): string[][] {
  return rows.map((row) => row.map((v) => (/^[=+\-@\t\r\n＝＋－＠]/.test(v) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v) ? `'${v}` : v)));
}

describe('CSV read back by independent readers', () => {
  for (const enc of encodings) {
    for (const dialect of dialects) {
      const name = `${enc.encoding} ${JSON.stringify(dialect.delimiter)} quote ${dialect.quote} ${JSON.stringify(dialect.lineEnding)}${dialect.quoteAll ? ' quoteAll' : ''}`;
      it(`round-trips arbitrary rows: ${name}`, async () => {
        const samples = fc.sample(fc.array(fc.array(enc.text, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), { numRuns: 60, seed: 4242 });
        const files: { hex: string; encoding: string; delimiter: string; quote: string }[] = [];
        const wanted: string[][][] = [];
        for (const rows of samples) {
          const bytes = await readAll(toCsv(rows, { ...dialect, encoding: enc.encoding, columns: ['0', '1', '2'], header: false }));
          const want = expected(rows);
          const text = iconv.decode(bytes, enc.encoding).replace(/^\uFEFF/, '');
          const parsed = parse(text, {
            delimiter: dialect.delimiter,
            quote: dialect.quote,
            escape: dialect.quote,
            relax_column_count: true,
            record_delimiter: dialect.lineEnding,
            skip_empty_lines: false,
          });
          expect(parsed).toEqual(want);
          files.push({ hex: bytes.toString('hex'), encoding: enc.py, delimiter: dialect.delimiter, quote: dialect.quote });
          wanted.push(want);
        }
        if (!haveTool('python')) return;
        const read = python<string[][][]>(PY_READ, { files });
        expect(read).toEqual(wanted);
      });
    }
  }

  it('property: any rows of any strings round-trip through csv-parse with headers (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, unit: 'grapheme' }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(nasty, { minLength: 4, maxLength: 4 }), { maxLength: 6 }),
        fc.constantFrom(...dialects),
        async (keys, values, dialect) => {
          const rows = values.map((v) => Object.fromEntries(keys.map((k, i) => [k, v[i]])));
          const text = (await readAll(toCsv(rows, { ...dialect, columns: keys, escapeFormulas: false }))).toString('utf8').slice(1);
          const parsed = parse(text, {
            delimiter: dialect.delimiter,
            quote: dialect.quote,
            escape: dialect.quote,
            record_delimiter: dialect.lineEnding,
            relax_column_count: true,
          });
          expect(parsed).toEqual([keys, ...rows.map((r) => keys.map((k) => r[k]))]);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
