// A formula column's cached value dropped objects, arrays and pre-1900 dates without a warning, where the
// same column's plain cells write them as text; it now follows the plain cells' rules, warnings included (#18).
import { afterEach, describe, expect, it } from 'vitest';
import { type ColumnType, type RowportWarning, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

const values: unknown[] = [
  { a: 1, b: [2, 'x'] },
  [1, 2, 3],
  new Map([['k', 1]]),
  new Date(Date.UTC(1850, 5, 1)),
  new Date(Date.UTC(2024, 0, 15, 12)),
  12345678901234567890n,
  42n,
  '12.50',
  6.022e23,
  Number.NaN,
  true,
  'text',
];
const types: (ColumnType | undefined)[] = [undefined, 'string', 'decimal'];
/** The values a `date` or `datetime` column can hold (others are an invalid date there, as in its plain cells). */
const dateValues: unknown[] = [new Date(Date.UTC(1850, 5, 1)), '1899-12-31', new Date(Date.UTC(2024, 0, 15, 12)), Date.UTC(2024, 1, 2)];

/** A sheet with each value in a plain column and in a formula column of the same type. */
function workbook(rows: unknown[], type: ColumnType | undefined, warnings: RowportWarning[]) {
  return toXlsx(
    rows.map((v) => ({ v })),
    {
      columns: [
        { key: 'v', header: 'plain', type },
        { key: 'f', header: 'formula', type, formula: '1+1', value: (row: { v: unknown }) => row.v },
      ],
      onWarning: (w) => warnings.push(w),
    },
  );
}

const PY_CACHED = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(json.load(sys.stdin), data_only=True).active
json.dump([[c.value if not hasattr(c.value, 'isoformat') else c.value.isoformat() for c in row] for row in ws.iter_rows(min_row=2)], sys.stdout)
`;

describe.each([
  ...types.map((type) => [type ?? 'no type', type, values] as const),
  ['date', 'date', dateValues] as const,
  ['datetime', 'datetime', dateValues] as const,
])('a formula column of type %s', (_, type, rows) => {
  it('caches each value as the plain cell writes it, with the same warnings', async () => {
    const warnings: RowportWarning[] = [];
    const sheet = parts(await readAll(workbook(rows, type, warnings)))['xl/worksheets/sheet1.xml'] as string;
    const cells = [...sheet.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*)>(.*?)<\/c>/g)].filter((m) => m[2] !== '1');
    for (let r = 0; r < rows.length; r++) {
      const [plain, formula] = cells.filter((m) => m[2] === String(r + 2));
      // the plain cell's value: an inline string's text or a <v>; the formula cell caches the same in its <v>
      const plainValue = /<t[^>]*>(.*)<\/t>|<v>(.*)<\/v>/.exec(plain?.[4] ?? '');
      const cached = /<v>(.*)<\/v>/.exec(formula?.[4] ?? '');
      expect({ row: r, cached: cached?.[1] }).toEqual({ row: r, cached: plainValue?.[1] ?? plainValue?.[2] });
    }
    const byColumn = (c: number) => warnings.filter((_, i) => i % 2 === c).map(({ code, row }) => ({ code, row }));
    expect(warnings.length % 2).toBe(0);
    expect(byColumn(1)).toEqual(byColumn(0)); // each warning once for the plain cell, once for the formula cell
  });

  it.runIf(haveTool('openpyxl'))('reads back in openpyxl with the same cached values', async () => {
    const path = await saveTo(tempDir(), 'cached.xlsx', workbook(rows, type, []));
    const read = python<unknown[][]>(PY_CACHED, path);
    expect(read.map(([, formula]) => formula)).toEqual(read.map(([plain]) => plain));
  });
});

it('a function value in a formula column is ROWPORT_INVALID_VALUE with row and column, as in a plain cell', async () => {
  const rows = [{ v: 1 }, { v: () => 2 }];
  const stream = toXlsx(rows, { columns: [{ key: 'v', formula: '1+1' }] });
  await expect(readAll(stream)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'v' });
});
