import { describe, expect, it, vi } from 'vitest';
import { selectColumns, toCsv } from '../../src/index.js';
import { countingSource, readText } from '../helpers/streams.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

describe('selectColumns', () => {
  const rows = [{ id: 1, student: { name: 'Ada' }, secret: 's', score: 9 }];

  it('filters, orders and renames columns, with dot paths and computed values', async () => {
    const out = await collect(selectColumns(rows, ['score', { key: 'student.name', header: 'Name' }, { key: 'double', value: (r) => r.score * 2 }]));
    expect(out).toEqual([{ score: 9, Name: 'Ada', double: 18 }]);
  });

  it('reads array rows by position', async () => {
    expect(await collect(selectColumns([[1, 2, 3]], ['2', { key: '0', header: 'first' }]))).toEqual([{ '2': 3, first: 1 }]);
  });

  it('leaves missing keys undefined', async () => {
    expect(await collect(selectColumns([{ a: 1 }] as Record<string, unknown>[], ['a', 'b.c']))).toEqual([{ a: 1, 'b.c': undefined }]);
  });

  it('wraps a throwing computed column with row, column and cause', async () => {
    const cause = new Error('bad');
    const error = await collect(
      selectColumns(
        [{ a: 1 }, { a: 2 }],
        [
          {
            key: 'x',
            value: (r) => {
              if (r.a === 2) throw cause;
              return 1;
            },
          },
        ],
      ),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'x' });
    expect((error as Error).cause).toBe(cause);
  });

  it('fails on a row that is not an object', async () => {
    await expect(collect(selectColumns([{ a: 1 }, 'x'] as never, ['a']))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
  });

  it('rejects bad columns at once', () => {
    expect(() => selectColumns([], [{ key: '' }])).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });

  it('in front of toCsv, a throwing computed column fails the export with its row and column and closes the source once', async () => {
    const { iterable, state } = countingSource((i) => ({ i }));
    const picked = selectColumns(iterable, [
      'i',
      {
        key: 'x',
        value: (r) => {
          if (r.i === 1000) throw new Error('bad');
          return r.i;
        },
      },
    ]);
    await expect(readText(toCsv(picked))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1000, column: 'x' });
    expect(state.returned).toBe(1);
  });

  it('in front of toCsv, reads a sync source in whole batches and writes every row', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ i, sq: i * i }));
    const text = await readText(toCsv(selectColumns(rows, [{ key: 'sq', header: 'square' }])));
    expect(text.split('\r\n')).toEqual(['\uFEFFsquare', ...rows.map((r) => String(r.sq)), '']);
  });

  it('composes in front of toCsv and closes the source early', async () => {
    expect(await readText(toCsv(selectColumns(rows, [{ key: 'id', header: 'ID#' }])))).toBe('\uFEFFID#\r\n1\r\n');
    const { iterable, state } = countingSource((i) => ({ i }));
    for await (const _chunk of toCsv(selectColumns(iterable, ['i']))) break;
    await vi.waitFor(() => expect(state.returned).toBe(1));
  });
});

describe('selectColumns onWarning', () => {
  const people: Record<string, unknown>[] = [
    { name: 'Ada', school: { code: 'S1' } },
    { name: 'Bob', note: 'late' },
  ];
  const columns = ['nmae', 'name', 'note', 'school.cdoe', { key: 'label', value: () => 'x' }];

  it('warns once per key on none of the rows, after the last row (for await)', async () => {
    const seen: string[] = [];
    const out: unknown[] = [];
    for await (const row of selectColumns(people, columns, { onWarning: (w) => void seen.push(`${w.code} ${w.column} after ${out.length}`) })) out.push(row);
    expect(seen).toEqual(['ROWPORT_UNKNOWN_COLUMN nmae after 2', 'ROWPORT_UNKNOWN_COLUMN school.cdoe after 2']);
  });

  it('warns when a writer reads the result (batches)', async () => {
    const seen: (string | undefined)[] = [];
    const csv = await readText(toCsv(selectColumns(people, columns, { onWarning: (w) => void seen.push(w.column) })));
    expect(csv.split('\r\n')[1]).toBe(',Ada,,,x');
    expect(seen).toEqual(['nmae', 'school.cdoe']);
  });

  it('says nothing when stopped early, when every key is found, or without onWarning', async () => {
    const seen: unknown[] = [];
    for await (const _ of selectColumns(people, ['nmae'], { onWarning: (w) => void seen.push(w) })) break;
    await collect(selectColumns(people, ['name', 'note'], { onWarning: (w) => void seen.push(w) }));
    await collect(selectColumns(people, ['nmae']));
    expect(seen).toEqual([]);
  });

  it.each([
    ['for await', collect],
    ['a writer', (rows: AsyncIterable<unknown>) => readText(toCsv(rows))],
  ])('a rejected promise from onWarning ends the rows as ROWPORT_CALLBACK_FAILED (%s)', async (_, read) => {
    const error = await read(selectColumns(people, ['nmae'], { onWarning: () => Promise.reject(new Error('queue down')) })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_CALLBACK_FAILED', cause: { message: 'queue down' } });
  });

  it('refuses an onWarning that is not a function, at the call', () => {
    expect(() => selectColumns(people, ['name'], { onWarning: 'log' as never })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    expect(() => selectColumns(people, ['name'], null as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });
});

it('selectColumns refuses an unknown option with the closest one', () => {
  expect(() => selectColumns([{ a: 1 }], ['a'], { onWarnings: () => {} } as never)).toThrow(/did you mean 'onWarning'/);
});
