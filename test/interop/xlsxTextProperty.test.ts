import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { haveTool } from '../helpers/tools.js';
import { type PyWorkbook, readWithOpenpyxl, saveTo, removeTempDirs, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

/** Text that stresses the XML writer: any code point, controls, escapes and their look-alikes. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
  fc.stringMatching(/^[a-z ]{0,3}_x[0-9A-Fa-f]{4}_[a-z ]{0,3}$/),
  fc.stringMatching(/^(_x005F)?_x[0-9A-Fa-gG]{3,5}_?$/),
  fc.constantFrom('\r', '\r\n', '\n', '\t', ' ', '  lead', 'trail  ', '\ufffe', '\uffff', '&amp;', '<t>', ']]>', '=1+1', '_x000D_'),
  fc
    .array(fc.oneof(fc.constantFrom('_x', '_', '0', 'A', '\r', '\u0000', '😀', '漢'), fc.stringMatching(/^[0-9a-fA-F]{0,4}$/)), { maxLength: 12 })
    .map((a) => a.join('')),
);

describe.runIf(haveTool('openpyxl'))('XLSX text round-trips through openpyxl', () => {
  it('reads back exactly what was written (one workbook of 400 values a run)', { timeout: 120_000 }, async () => {
    const dir = tempDir('rowport-prop-');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          nasty.filter((s) => s.isWellFormed() && s !== ''),
          { minLength: 400, maxLength: 400 },
        ),
        async (texts) => {
          const path = await saveTo(
            dir,
            `run${run++}.xlsx`,
            toXlsx(
              texts.map((v) => ({ v })),
              { columns: [{ key: 'v', type: 'string' }] },
            ),
          );
          const book = readWithOpenpyxl([path])[path] as PyWorkbook;
          expect(book.error).toBeUndefined();
          const read = book.sheets[0]?.rows.slice(1).map((row) => row[0]?.v) ?? [];
          const wrong = texts.flatMap((text, i) => (read[i] === text ? [] : [{ written: text, read: read[i] }]));
          expect(wrong).toEqual([]); // names the values that failed, so no shrinking is needed
          expect(read).toHaveLength(texts.length);
        },
      ),
      { numRuns: 5, endOnFailure: true },
    );
  });
});
