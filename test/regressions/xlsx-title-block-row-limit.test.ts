import { describe, expect, it } from 'vitest';
import { RowportError, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// A title block so long (a preamble of a million lines) that it left no room under it for the
// header and a row was written anyway: the header and the rows went past Excel's last row,
// 1,048,576 (`<row r="1048578">`), on every part of the sheet, a file Excel cannot open. The block
// is now ROWPORT_INVALID_OPTION at the call when it leaves no room for a header, a row and a
// totals row; one row shorter, it is written, and the rows fit.
const MAX_BLOCK = 1_048_573; // rows above the header: the title block's lines and its empty row

describe('a title block taller than the sheet', () => {
  it('is refused at the call, naming the preamble', () => {
    for (const call of [
      () => toXlsx([{ a: 1 }], { preamble: Array.from({ length: MAX_BLOCK }, () => 'p') }),
      () => toWorkbook([{ name: 'S', rows: [{ a: 1 }], title: 'T', preamble: Array.from({ length: 2_000_000 }, () => 'p') }]),
    ]) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RowportError);
      expect((error as RowportError).code).toBe('ROWPORT_INVALID_OPTION');
      expect((error as RowportError).message).toMatch(/`(?:sheets\[0\]\.)?preamble`/);
    }
  });

  it('leaves no row past the last one when it just fits', async () => {
    const preamble = Array.from({ length: MAX_BLOCK - 1 }, () => 'p');
    const p = parts(await readAll(toXlsx([{ a: 1 }, { a: 2 }], { preamble, table: { totals: { a: 'sum' } } })));
    for (const [name, xml] of Object.entries(p)) {
      if (!name.startsWith('xl/worksheets/sheet')) continue;
      const last = Number(/^<row r="(\d+)"/.exec(xml.slice(xml.lastIndexOf('<row r="')))?.[1]); // rows are in order
      expect(last).toBeLessThanOrEqual(1_048_576);
    }
  });
});
