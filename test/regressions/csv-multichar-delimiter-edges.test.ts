// With delimiter '||', {a:'a|', b:'b'} and {a:'a', b:'|b'} were both written `a|||b`: a field
// ending with the start of the delimiter (or starting with its end) was not quoted (#10).
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readText } from '../helpers/streams.js';

describe("toCsv: delimiter '||'", () => {
  it('quotes a field that ends or starts with part of the delimiter', async () => {
    const text = await readText(
      toCsv(
        [
          { a: 'a|', b: 'b' },
          { a: 'a', b: '|b' },
        ],
        { delimiter: '||', bom: false },
      ),
    );
    expect(text).toBe('a||b\r\n"a|"||b\r\na||"|b"\r\n');
  });

  it('every row splits back into its own fields, whatever the delimiter (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('|', ';', 'a', 'b', ':'), minLength: 2, maxLength: 4 }),
        fc.array(fc.string({ unit: fc.constantFrom('|', ';', 'a', 'b', ':', '"', ' '), maxLength: 6 }), { minLength: 2, maxLength: 4 }),
        async (delimiter, fields) => {
          const row = Object.fromEntries(fields.map((f, i) => [`c${i}`, f]));
          const text = await readText(toCsv([row], { delimiter, header: false, bom: false, lineEnding: '\n', escapeFormulas: false }));
          expect(splitRecord(text.slice(0, -1), delimiter)).toEqual(fields);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('toCsv: random multi-character delimiters, read back by csv-parse', () => {
  it('gives every row back with its own fields (property)', async () => {
    const unit = fc.constantFrom('|', ';', 'a', '#', ':', '"', ' ', '\n', '\r', ',');
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('|', ';', 'a', '#', ':'), minLength: 2, maxLength: 4 }),
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) => fc.array(fc.array(fc.string({ unit, maxLength: 6 }), { minLength: width, maxLength: width }), { minLength: 1, maxLength: 4 })),
        async (delimiter, rows) => {
          const text = await readText(toCsv(rows, { delimiter, header: false, bom: false, escapeFormulas: false }));
          expect(parse(text, { delimiter, record_delimiter: '\r\n', relax_column_count: false })).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** A reader independent of ours: fields split at the leftmost delimiter, RFC 4180 quotes. */
function splitRecord(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (line[q + 1] === '"') {
          field += line.slice(i, q + 1);
          i = q + 2;
        } else {
          field += line.slice(i, q);
          i = q + 1;
          break;
        }
      }
      fields.push(field);
      if (i >= line.length) return fields;
      if (!line.startsWith(delimiter, i)) throw new Error(`text after a closing quote at ${i}: ${line}`);
      i += delimiter.length;
    } else {
      const end = line.indexOf(delimiter, i);
      if (end === -1) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, end));
      i = end + delimiter.length;
    }
  }
}
