import { afterEach, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// Issue 12: a table's cached totals did not see the values the way their cells are written, so
// readers that do not calculate (openpyxl, previews) showed another value than Excel computes:
// dates (serial numbers in the sheet) were skipped, so `max` of a date column was 0; a `string`
// column's numbers (text cells) were summed; `'+5'` in a number column (a number cell) was
// skipped, while `'9007199254740993'` and `'1e400'` (text cells: a double cannot hold them) were
// summed or made `#NUM!`; a bigint from 10^15 up to 2^53 (a number cell) was skipped; `countNums`
// over a `NaN` (a `#NUM!` cell, which COUNT skips) was `#NUM!`; a sum past a double's range was
// cached as `null`. The totals now follow the cells (each checked against LibreOffice recalculating),
// and the min/max/average of a date column show in its date format.
const totalsRow = (sheet: string) => /<row r="(\d+)">((?:(?!<row).)*)<\/row><\/sheetData>/.exec(sheet)?.[2] ?? '';
const cached = (row: string, column: string) => new RegExp(`<c r="${column}\\d+"[^>]*?(?: t="(e)")?><f>[^<]*</f><v>([^<]*)</v>`).exec(row)?.slice(1);

describe('cached table totals', () => {
  afterEach(removeTempDirs);

  const rows = [
    { n: '+5', s: 5, big: 9_007_199_254_740_991n, when: new Date('2024-01-01T00:00:00Z'), bad: Number.NaN, huge: 1e308 },
    { n: '1', s: 7, big: 1n, when: new Date('2024-01-03T12:00:00Z'), bad: 3, huge: 1e308 },
    { n: '9007199254740993', s: null, big: null, when: null, bad: null, huge: null },
    { n: '1e400', s: null, big: null, when: null, bad: null, huge: null },
  ];
  const options = {
    columns: [{ key: 'n', type: 'integer' as const }, { key: 's', type: 'string' as const }, 'big', { key: 'when', type: 'date' as const }, 'bad', 'huge'],
    table: { totals: { n: 'sum', s: 'sum', big: 'sum', when: 'max', bad: 'countNums', huge: 'sum' } },
  };

  it('are what the cells make SUBTOTAL compute', async () => {
    const row = totalsRow(parts(await readAll(toXlsx(rows, options)))['xl/worksheets/sheet1.xml'] ?? '');
    expect(cached(row, 'A')).toEqual([undefined, '6']);
    expect(cached(row, 'B')).toEqual([undefined, '0']);
    expect(cached(row, 'C')).toEqual([undefined, '9007199254740992']);
    expect(cached(row, 'D')).toEqual([undefined, '45294']);
    expect(cached(row, 'E')).toEqual([undefined, '1']);
    expect(cached(row, 'F')).toEqual(['e', '#NUM!']);
  });

  it('read back in openpyxl, the date total as a date', async () => {
    if (!haveTool('openpyxl')) return;
    const path = await saveTo(tempDir(), 'totals.xlsx', toXlsx(rows, options));
    const script = 'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1],data_only=True).active\nprint(json.dumps([str(c.value) for c in ws[6]]))';
    expect(python<string[]>(script, null, [path])).toEqual(['6', '0', '9007199254740992', '2024-01-03 00:00:00', '1', '#NUM!']);
  });
});
