// selectColumns and formatDates let a throwing getter or Proxy trap escape as a plain Error, which a
// writer behind them reported as ROWPORT_SOURCE_FAILED at the wrong row (#10).
import { describe, expect, it } from 'vitest';
import { formatDates, selectColumns, toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const boom = new Error('getter boom');
const good = { a: 1, b: 2 };
const bad = {
  a: 1,
  get b(): number {
    throw boom;
  },
};
const proxy = new Proxy(
  { a: 1 },
  {
    ownKeys: () => {
      throw boom;
    },
  },
);

const drain = async (rows: AsyncIterable<unknown>) => {
  for await (const _ of rows);
};

describe('a row whose getter throws', () => {
  it('selectColumns: ROWPORT_INVALID_VALUE with row and column', async () => {
    await expect(drain(selectColumns([good, bad], ['a', 'b']))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'b', cause: boom });
  });

  it('formatDates: ROWPORT_INVALID_VALUE with row and column', async () => {
    await expect(drain(formatDates([good, bad], 'iso'))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'b', cause: boom });
  });

  it('formatDates: a Proxy whose ownKeys throws names the row', async () => {
    await expect(drain(formatDates([good, proxy], 'iso'))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, cause: boom });
  });

  it('keeps code, row and column through toCsv', async () => {
    await expect(readAll(toCsv(selectColumns([good, bad], ['a', 'b'])))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'b' });
    await expect(readAll(toCsv(formatDates([good, bad], 'iso')))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1, column: 'b' });
  });
});
