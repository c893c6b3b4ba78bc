// A totals string one typo away from a function name (`'averag'`) was written as a label, so the
// totals row said "averag" where the average belonged. It is now ROWPORT_INVALID_OPTION with
// "did you mean 'average'?"; a label that is meant is written `{ label: '…' }` (#22).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { exportToFile, toWorkbook, toXlsx } from '../../src/index.js';

const rows = [
  { name: 'Ada', score: 90 },
  { name: 'Bob', score: 70 },
];

it.each([
  ['averag', 'average'],
  ['avrage', 'average'],
  ['Average', 'average'],
  ['SUM', 'sum'],
  ['summ', 'sum'],
  ['countnums', 'countNums'],
  ['stddev', 'stdDev'],
])('%j is refused with "did you mean %j?"', (typo, meant) => {
  const call = (): unknown => toXlsx(rows, { table: { totals: { score: typo } } });
  expect(call).toThrow(
    expect.objectContaining({
      code: 'ROWPORT_INVALID_OPTION',
      message: expect.stringMatching(new RegExp(`\`table\\.totals\\.score\`.*did you mean '${meant}'\\?.*\\{ label: `, 'i')),
    }),
  );
  expect(() => toWorkbook([{ name: 'S', rows, table: { totals: { score: typo } } }])).toThrow(
    expect.objectContaining({ message: expect.stringContaining('`sheets[0].table.totals.score`') }),
  );
});

it('labels far from any function name stay labels; { label } writes any text, read back by openpyxl', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'rowport-totals-')), 'totals.xlsx');
  await exportToFile(toXlsx(rows, { table: { totals: { name: { label: 'Sum' }, score: 'average' } } }), path);
  const cells = JSON.parse(
    execFileSync('/usr/bin/python3', [
      '-c',
      'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1]).active\nprint(json.dumps([c.value for c in ws[4]]))',
      path,
    ]).toString(),
  );
  expect(cells).toEqual(['Sum', '=SUBTOTAL(101,B2:B3)']);
  expect(() => toXlsx(rows, { table: { totals: { name: 'Total', score: 'Mean' } } })).not.toThrow();
});
