// A source whose [Symbol.asyncIterator]() or [Symbol.iterator]() threw (a cursor that cannot open) gave
// the raw error at the call, with no code; a getter returning no iterator gave a TypeError later (#18).
import { describe, expect, it } from 'vitest';
import { formatDates, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';

const boom = new Error('cursor would not open');
const asyncThrows = {
  [Symbol.asyncIterator]: (): AsyncIterator<object> => {
    throw boom;
  },
};
const syncThrows = {
  [Symbol.iterator]: (): Iterator<object> => {
    throw boom;
  },
};
const sourceFailed = expect.objectContaining({ code: 'ROWPORT_SOURCE_FAILED', cause: boom, message: expect.stringContaining('cursor would not open') });

describe('a source whose iterator getter throws', () => {
  it.each([
    ['async', asyncThrows],
    ['sync', syncThrows],
  ])('%s: the writers throw ROWPORT_SOURCE_FAILED at the call, with the cause', (_kind, rows) => {
    expect(() => toCsv(rows)).toThrow(sourceFailed);
    expect(() => toXlsx(rows)).toThrow(sourceFailed);
    expect(() =>
      toWorkbook([
        { name: 'a', rows: [{ a: 1 }] },
        { name: 'b', rows },
      ]),
    ).toThrow(sourceFailed);
  });

  it('the helpers fail the same way when a writer takes them, or at the first next()', async () => {
    expect(() => toCsv(selectColumns(asyncThrows, ['a']))).toThrow(sourceFailed);
    expect(() => toXlsx(formatDates(syncThrows, 'iso'))).toThrow(sourceFailed);
    const iterator = selectColumns(syncThrows, ['a'])[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toEqual(sourceFailed);
  });

  it('a getter that returns no iterator, or is not a function, is ROWPORT_INVALID_SOURCE', async () => {
    const invalidSource = expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE' });
    expect(() => toCsv({ [Symbol.asyncIterator]: () => undefined } as never)).toThrow(invalidSource);
    expect(() => toXlsx({ [Symbol.iterator]: () => ({}) } as never)).toThrow(invalidSource);
    expect(() => toCsv({ [Symbol.iterator]: 5 } as never)).toThrow(invalidSource);
    expect(() => toCsv(selectColumns({ [Symbol.iterator]: () => 1 } as never, ['a']))).toThrow(invalidSource);
  });
});
