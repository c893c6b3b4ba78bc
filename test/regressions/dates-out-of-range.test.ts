// Epoch milliseconds past the Date range (8.64e15 + 1, 1e20) and the offset `+99:00` were
// accepted and written as some other date. Both are ROWPORT_INVALID_DATE (#10).
import { describe, expect, it } from 'vitest';
import { formatDate, formatDates, toCsv, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const bad: unknown[] = [8.64e15 + 1, -8.64e15 - 1, 1e20, '2024-01-15T10:00:00+99:00', '2024-01-15T10:00:00+18:01', '2024-01-15T10:00:00-1900'];

describe('dates out of range', () => {
  it.each(bad.map((v) => [v]))('toCsv refuses %s in a datetime column, naming row and column', async (value) => {
    await expect(readAll(toCsv([{ d: 0 }, { d: value }], { columns: [{ key: 'd', type: 'datetime' }] }))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_DATE',
      row: 1,
      column: 'd',
    });
  });

  it.each(bad.map((v) => [v]))('toXlsx refuses %s too', async (value) => {
    await expect(readAll(toXlsx([{ d: value }], { columns: [{ key: 'd', type: 'datetime' }] }))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_DATE',
      row: 0,
      column: 'd',
    });
  });

  it('formatDate and formatDates refuse them', async () => {
    expect(() => formatDate(1e20 as never, 'iso')).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_DATE' }));
    const run = async () => {
      for await (const _ of formatDates([{ d: '2024-01-15T10:00:00+99:00' }], 'iso', { columns: ['d'] }));
    };
    await expect(run()).rejects.toMatchObject({ code: 'ROWPORT_INVALID_DATE', row: 0, column: 'd' });
  });

  it('keeps the edges: ±8.64e15 and ±18:00', async () => {
    const text = (
      await readAll(
        toCsv([{ d: 8.64e15 }, { d: -8.64e15 }, { d: '2024-01-15T10:00:00+18:00' }, { d: '2024-01-15T10:00:00-18:00' }], {
          columns: [{ key: 'd', type: 'datetime' }],
          header: false,
          bom: false,
        }),
      )
    ).toString();
    expect(text.split('\r\n')).toEqual(['275760-09-13 00:00:00', "'-271821-04-20 00:00:00", '2024-01-14 16:00:00', '2024-01-16 04:00:00', '']);
  });
});
