import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATE_SAMPLE_ROWS, planColumns } from '../../src/cli/columnPlan.js';
import { UsageError } from '../../src/cli/usageError.js';
import { toCsv } from '../../src/index.js';
import { readText } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { readWithOpenpyxl } from '../helpers/xlsx.js';
import { readCsv, run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

async function* from<T>(rows: T[], state = { returned: 0 }) {
  try {
    yield* rows;
  } finally {
    state.returned++;
  }
}
async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}
const plan = (rows: Record<string, unknown>[], options: Partial<Parameters<typeof planColumns>[1]>) =>
  planColumns(from(rows), { columns: undefined, types: undefined, detectDates: false, ...options });

describe('planColumns', () => {
  it('leaves the columns to the writer without --types and --detect-dates', async () => {
    const rows = [{ a: 1 }];
    const planned = await plan(rows, {});
    expect(planned.columns).toBeUndefined();
    expect(await collect(planned.rows)).toEqual(rows);
  });

  describe('--types', () => {
    it('types the named columns and keeps every other one, in the first row order', async () => {
      const rows = [
        { a: 1, at: '2024-01-15T10:30:00Z', total: '1.5' },
        { a: 2, at: null, total: '2' },
      ];
      const planned = await plan(rows, {
        types: new Map([
          ['total', 'decimal'],
          ['at', 'datetime'],
        ]),
      });
      expect(planned.columns).toEqual([{ key: 'a' }, { key: 'at', type: 'datetime' }, { key: 'total', type: 'decimal' }]);
      expect(await collect(planned.rows)).toEqual(rows);
    });

    it('types the columns --columns selected, keeping their headers', async () => {
      const planned = await plan([{ a: 1, b: 2 }], { columns: [{ key: 'b', header: 'B' }, { key: 'a' }], types: new Map([['b', 'integer']]) });
      expect(planned.columns).toEqual([{ key: 'b', header: 'B', type: 'integer' }, { key: 'a' }]);
    });

    it('names positions for array rows', async () => {
      const planned = await planColumns(from([[1, '2024-01-15']]) as never, { columns: undefined, types: new Map([['1', 'date']]), detectDates: false });
      expect(planned.columns).toEqual([{ key: '0' }, { key: '1', type: 'date' }]);
    });

    it.each([
      ['a key that is not in the input', { types: new Map([['nope', 'date']]) }],
      ['a key --columns did not select', { columns: [{ key: 'a' }], types: new Map([['b', 'date']]) }],
      ['a type --columns contradicts', { columns: [{ key: 'a', type: 'integer' }], types: new Map([['a', 'date']]) }],
    ] as const)('refuses %s with a UsageError', async (_, options) => {
      await expect(plan([{ a: 1, b: 2 }], options as never)).rejects.toBeInstanceOf(UsageError);
    });

    it('accepts the same type in --columns and --types', async () => {
      const planned = await plan([{ a: 1 }], { columns: [{ key: 'a', type: 'integer' }], types: new Map([['a', 'integer']]) });
      expect(planned.columns).toEqual([{ key: 'a', type: 'integer' }]);
    });

    it('does nothing for an empty input', async () => {
      const planned = await plan([], { types: new Map([['a', 'date']]) });
      expect(planned.columns).toBeUndefined();
      expect(await collect(planned.rows)).toEqual([]);
    });
  });

  describe('--detect-dates', () => {
    it('makes all-ISO-date columns date, ISO date/date-time columns datetime, and leaves mixed, numeric and typed columns alone', async () => {
      const rows = [
        {
          d: '2024-01-15',
          dt: '2024-01-15T10:30:00Z',
          both: '2024-01-15',
          mixed: '2024-01-15',
          n: 5,
          typed: '2024-01-15',
          eu: '15.01.2024',
          bad: '2024-02-30',
        },
        { d: null, dt: '2024-01-15 10:30', both: '2024-01-15T10:30:00+01:00', mixed: 'soon', n: 6, typed: 'x', eu: '16.01.2024', bad: '2024-02-01' },
        { d: '', dt: '2024-01-15t10:30:00.123', both: '', mixed: '', n: 7, typed: '', eu: '', bad: '' },
      ];
      const planned = await plan(rows, { detectDates: true, types: new Map([['typed', 'string']]) });
      expect(planned.columns?.map((c) => [c.key, c.type])).toEqual([
        ['d', 'date'],
        ['dt', 'datetime'],
        ['both', 'datetime'],
        ['mixed', undefined],
        ['n', undefined],
        ['typed', 'string'],
        ['eu', undefined],
        ['bad', undefined],
      ]);
      expect(await collect(planned.rows)).toEqual(rows);
    });

    it('leaves a column with no values at all alone', async () => {
      const planned = await plan([{ a: null }, { a: '' }], { detectDates: true });
      expect(planned.columns).toEqual([{ key: 'a' }]);
    });

    it(`decides from the first ${DATE_SAMPLE_ROWS} rows, and a later value that is not an ISO date stops the export with row and column`, async () => {
      const rows: Record<string, unknown>[] = Array.from({ length: DATE_SAMPLE_ROWS + 5 }, (_, i) => ({ id: i, at: '2024-01-15' }));
      (rows[DATE_SAMPLE_ROWS + 2] as Record<string, unknown>).at = 5; // epoch ms to a date column: never silently 1970-01-01
      const planned = await plan(rows, { detectDates: true });
      expect(planned.columns?.[1]).toMatchObject({ key: 'at', type: 'date' });
      await expect(readText(toCsv(planned.rows, { columns: planned.columns }))).rejects.toMatchObject({
        code: 'ROWPORT_INVALID_DATE',
        row: DATE_SAMPLE_ROWS + 2,
        column: 'at',
      });
    });

    it('closes the source once when the writer stops early', async () => {
      const state = { returned: 0 };
      const planned = await planColumns(
        from(
          Array.from({ length: 2000 }, () => ({ a: '2024-01-15' })),
          state,
        ),
        { columns: undefined, types: undefined, detectDates: true },
      );
      for await (const _ of planned.rows) break;
      expect(state.returned).toBe(1);
    });

    it('stops waiting for the sample when aborted', async () => {
      const controller = new AbortController();
      const never = {
        [Symbol.asyncIterator]: () => ({
          next: () => new Promise<IteratorResult<Record<string, unknown>>>(() => undefined),
          return: async () => ({ done: true as const, value: undefined }),
        }),
      };
      const planned = planColumns(never, { columns: undefined, types: undefined, detectDates: true, signal: controller.signal });
      controller.abort(new Error('stop'));
      await expect(planned).rejects.toThrow('stop');
    });
  });
});

// --- the command, end to end -------------------------------------------------------------------

const tmp = tempDir();
const ROWS = [
  { id: 1, created_at: '2024-01-15T10:30:00', day: '2024-01-15', total: '12.5', note: 'x', mixed: '2024-01-01' },
  { id: 2, created_at: '2024-02-01 08:00:00', day: '', total: '3', note: 'y', mixed: 'soon' },
];
const INPUTS = {
  json: JSON.stringify(ROWS),
  ndjson: `${ROWS.map((r) => JSON.stringify(r)).join('\n')}\n`,
  csv: 'id,created_at,day,total,note,mixed\r\n1,2024-01-15T10:30:00,2024-01-15,12.5,x,2024-01-01\r\n2,2024-02-01 08:00:00,,3,y,soon\r\n',
} as const;
type Format = keyof typeof INPUTS;
beforeAll(() => {
  for (const format of Object.keys(INPUTS) as Format[]) writeFileSync(tmp.path(`rows.${format}`), INPUTS[format]);
});
afterAll(() => tmp.cleanup());

describe.each(Object.keys(INPUTS) as Format[])('rowport %s input', (format) => {
  const id = (n: number) => (format === 'csv' ? String(n) : n); // CSV input is text unless typed

  it('--types types some columns and keeps the others, in CSV', async () => {
    const result = await run([tmp.path(`rows.${format}`), '--types', 'created_at:datetime,total:decimal']);
    expect(result.code).toBe(0);
    expect(readCsv(result.stdout.toString('utf8'))).toEqual([
      ['id', 'created_at', 'day', 'total', 'note', 'mixed'],
      ['1', '2024-01-15 10:30:00', '2024-01-15', '12.5', 'x', '2024-01-01'],
      ['2', '2024-02-01 08:00:00', '', '3', 'y', 'soon'],
    ]);
  });

  it('--types and --detect-dates give typed cells in XLSX (openpyxl), and keep the other columns as they came', async () => {
    if (!haveTool('openpyxl')) return;
    const typesOnly = tmp.path(`types-${format}.xlsx`);
    const detected = tmp.path(`detect-${format}.xlsx`);
    expect((await run([tmp.path(`rows.${format}`), '-o', typesOnly, '--types', 'created_at:datetime,total:decimal'])).code).toBe(0);
    expect((await run([tmp.path(`rows.${format}`), '-o', detected, '--detect-dates', '--types', 'total:decimal'])).code).toBe(0);
    const books = readWithOpenpyxl([typesOnly, detected]);
    const cells = (path: string) => books[path]?.sheets[0]?.rows.map((row) => row.map((c) => [c.v, c.t]));
    expect(cells(typesOnly)).toEqual([
      [
        ['id', 's'],
        ['created_at', 's'],
        ['day', 's'],
        ['total', 's'],
        ['note', 's'],
        ['mixed', 's'],
      ],
      [
        [id(1), format === 'csv' ? 's' : 'n'],
        ['2024-01-15T10:30:00', 'd'],
        ['2024-01-15', 's'],
        [12.5, 'n'],
        ['x', 's'],
        ['2024-01-01', 's'],
      ],
      [
        [id(2), format === 'csv' ? 's' : 'n'],
        ['2024-02-01T08:00:00', 'd'],
        [null, 'n'],
        [3, 'n'],
        ['y', 's'],
        ['soon', 's'],
      ],
    ]);
    expect(cells(detected)?.map((row) => row.slice(1, 3))).toEqual([
      [
        ['created_at', 's'],
        ['day', 's'],
      ],
      [
        ['2024-01-15T10:30:00', 'd'],
        ['2024-01-15T00:00:00', 'd'],
      ],
      [
        ['2024-02-01T08:00:00', 'd'],
        [null, 'n'],
      ],
    ]);
    expect(cells(detected)?.map((row) => row[5])).toEqual([
      ['mixed', 's'],
      ['2024-01-01', 's'],
      ['soon', 's'],
    ]);
  });
});

describe('rowport --types with --columns, and --detect-dates in CSV', () => {
  it('--columns selects, orders and renames; --types types the selected columns', async () => {
    const result = await run([tmp.path('rows.ndjson'), '--columns', 'total:Total,created_at', '--types', 'created_at:date,total:decimal']);
    expect(result.code).toBe(0);
    expect(readCsv(result.stdout.toString('utf8'))).toEqual([
      ['Total', 'created_at'],
      ['12.5', '2024-01-15'],
      ['3', '2024-02-01'],
    ]);
  });

  it('--detect-dates renders detected columns per --date-format, and leaves a mixed column as text', async () => {
    const result = await run([tmp.path('rows.json'), '--detect-dates', '--date-format', 'eu']);
    expect(result.code).toBe(0);
    expect(readCsv(result.stdout.toString('utf8'))).toEqual([
      ['id', 'created_at', 'day', 'total', 'note', 'mixed'],
      ['1', '15.01.2024 10:30:00', '15.01.2024', '12.5', 'x', '2024-01-01'],
      ['2', '01.02.2024 08:00:00', '', '3', 'y', 'soon'],
    ]);
  });

  it('without --detect-dates, JSON date strings stay text', async () => {
    const result = await run([tmp.path('rows.json'), '--date-format', 'eu']);
    expect(readCsv(result.stdout.toString('utf8'))[1]).toEqual(['1', '2024-01-15T10:30:00', '2024-01-15', '12.5', 'x', '2024-01-01']);
  });

  it('a value after the sample that is not an ISO date: exit 1 naming row, column and input line, no output file', async () => {
    const lines = Array.from({ length: DATE_SAMPLE_ROWS + 3 }, (_, i) => JSON.stringify({ id: i, at: i === DATE_SAMPLE_ROWS + 1 ? 'n/a' : '2024-01-15' }));
    const out = tmp.path('late.csv');
    const result = await run(['--from', 'ndjson', '--detect-dates', '-o', out], { input: `${lines.join('\n')}\n` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`row ${DATE_SAMPLE_ROWS + 1}, column "at", input line ${DATE_SAMPLE_ROWS + 2}`);
    expect(tmp.files()).not.toContain('late.csv');
  });
});

describe('rowport output never depends on the host time zone', () => {
  it.each([
    ['CSV', 'out.csv', []],
    ['XLSX', 'out.xlsx', []],
    ['CSV in --time-zone Europe/Berlin', 'out.csv', ['--time-zone', 'Europe/Berlin', '--date-format', 'full']],
    [
      'CSV with a date-fns pattern (not a preset) in America/Los_Angeles',
      'out.csv',
      ['--time-zone', 'America/Los_Angeles', '--date-format', 'EEE d MMM yyyy HH:mm:ss xxx'],
    ],
    ['XLSX in Asia/Kolkata with a date-fns pattern', 'out.xlsx', ['--time-zone', 'Asia/Kolkata', '--date-format', 'd MMM yyyy HH:mm']],
  ] as const)('%s is byte-identical under TZ=America/New_York and TZ=Asia/Tokyo', async (_, name, extra) => {
    const input = `${[
      { at: '2024-03-10 02:30:00', day: '2024-01-15', z: '2024-01-15T23:30:00Z', o: '2024-07-01T00:30:00+02:00' },
      { at: '2024-11-03 01:30:00', day: '1999-12-31', z: '2000-01-01T00:00:00Z', o: '2024-12-31T23:59:59-05:00' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`;
    const outputs: Buffer[] = [];
    for (const TZ of ['America/New_York', 'Asia/Tokyo']) {
      const dir = tempDir();
      try {
        const result = await run(['--from', 'ndjson', '--detect-dates', '--types', 'o:datetime', '-o', dir.path(name), ...extra], { input, env: { TZ } });
        expect(result.code, result.stderr).toBe(0);
        outputs.push(readFileSync(dir.path(name)));
      } finally {
        dir.cleanup();
      }
    }
    expect(outputs[0]?.equals(outputs[1] as Buffer)).toBe(true);
    if (name.endsWith('.csv') && extra.length === 0) {
      expect(readCsv((outputs[0] as Buffer).toString('utf8'))).toEqual([
        ['at', 'day', 'z', 'o'],
        ['2024-03-10 02:30:00', '2024-01-15', '2024-01-15 23:30:00', '2024-06-30 22:30:00'],
        ['2024-11-03 01:30:00', '1999-12-31', '2000-01-01 00:00:00', '2025-01-01 04:59:59'],
      ]);
    }
  });
});
