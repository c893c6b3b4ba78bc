import { describe, expect, it } from 'vitest';
import { RowReader } from '../../src/sources/rowReader.js';

describe('RowReader', () => {
  it('reads arrays and sync iterables in batches without promises', () => {
    const reader = new RowReader([1, 2, 3, 4, 5]);
    expect(reader.readBatch(2)).toEqual([1, 2]);
    expect(reader.readBatch(10)).toEqual([3, 4, 5]);
    expect(reader.readBatch(10)).toEqual([]);
    expect(reader.index).toBe(5);
    const fromSet = new RowReader(new Set(['a', 'b']));
    expect(fromSet.readBatch(5)).toEqual(['a', 'b']);
    expect(fromSet.isAsync).toBe(false);
  });

  it('reads async iterables with a promise per batch', async () => {
    async function* gen() {
      yield 1;
      yield 2;
    }
    const reader = new RowReader(gen());
    expect(reader.isAsync).toBe(true);
    expect(await reader.readBatch(5)).toEqual([1, 2]);
    expect(await reader.readBatch(5)).toEqual([]);
  });

  it('calls return() once however often close() is called, and never after the source ended', async () => {
    let returned = 0;
    const source = {
      [Symbol.iterator]: () => ({
        next: () => ({ done: false, value: 1 }),
        return: () => {
          returned++;
          return { done: true, value: undefined };
        },
      }),
    };
    const reader = new RowReader(source);
    reader.readBatch(3);
    await Promise.all([reader.close(), reader.close()]);
    await reader.close();
    expect(returned).toBe(1);
    const ended = new RowReader({
      [Symbol.iterator]: () => ({
        next: () => ({ done: true, value: undefined }),
        return: () => {
          returned++;
          return { done: true, value: undefined };
        },
      }),
    });
    ended.readBatch(3);
    await ended.close();
    expect(returned).toBe(1);
  });

  it('wraps a throwing source with the index of the failed row and does not call return()', async () => {
    let returned = 0;
    const cause = new Error('x');
    const source = {
      [Symbol.asyncIterator]: () => {
        let i = 0;
        return {
          next: async () => {
            if (i === 2) throw cause;
            return { done: false, value: i++ };
          },
          return: async () => {
            returned++;
            return { done: true as const, value: undefined };
          },
        };
      },
    };
    const reader = new RowReader(source);
    await expect(reader.readBatch(5)).rejects.toMatchObject({ code: 'ROWPORT_SOURCE_FAILED', row: 2, cause });
    await reader.close();
    expect(returned).toBe(0);
  });

  it('enforces maxRows', () => {
    const reader = new RowReader([1, 2, 3], 2);
    expect(() => reader.readBatch(5)).toThrow(expect.objectContaining({ code: 'ROWPORT_MAX_ROWS', row: 2 }));
  });
});
