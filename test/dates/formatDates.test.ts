import { describe, expect, it, vi } from 'vitest';
import { formatDates, toCsv } from '../../src/index.js';
import { countingSource, readText } from '../helpers/streams.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

describe('formatDates', () => {
  const at = new Date(Date.UTC(2024, 5, 1, 22, 0));

  it('formats every top-level Date and copies rows without changing the input', async () => {
    const input = [{ id: 1, at, note: 'x' }];
    expect(await collect(formatDates(input, 'eu', { timeZone: 'Asia/Tokyo' }))).toEqual([{ id: 1, at: '02.06.2024', note: 'x' }]);
    expect(input[0]?.at).toBe(at);
  });

  it('with columns, formats only those keys and takes YYYY-MM-DD strings and epoch ms', async () => {
    const rows = [{ a: at, b: '2024-06-01', c: at.getTime(), d: null }];
    expect(await collect(formatDates(rows, 'us', { columns: ['b', 'c', 'd'] }))).toEqual([{ a: at, b: '06/01/2024', c: '06/01/2024', d: null }]);
  });

  it('formats array rows', async () => {
    expect(await collect(formatDates([[1, at]], 'iso'))).toEqual([[1, '2024-06-01']]);
  });

  it('fails with ROWPORT_INVALID_DATE naming row and column', async () => {
    await expect(collect(formatDates([{ d: '2024-01-01' }, { d: 'nope' }], 'iso', { columns: ['d'] }))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_DATE',
      row: 1,
      column: 'd',
    });
  });

  it('rejects a bad format or zone at once', () => {
    expect(() => formatDates([], 'YYYY')).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    expect(() => formatDates([], 'iso', { timeZone: 'x/y' })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    expect(() => formatDates(3 as never, 'iso')).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE' }));
  });

  it('composes in front of toCsv and closes the source when the output is destroyed', async () => {
    expect(await readText(toCsv(formatDates([{ at }], 'full')))).toBe('\uFEFFat\r\n2024-06-01 22:00:00\r\n');
    const { iterable, state } = countingSource((i) => ({ i, at }));
    for await (const _chunk of toCsv(formatDates(iterable, 'iso'))) break;
    await vi.waitFor(() => expect(state.returned).toBe(1));
  });
});
