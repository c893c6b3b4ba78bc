// `formatDates` typed a `Date | null` key (a nullable timestamp column), an optional `at?: Date` or a
// `Date | string` as it was, though every Date in it is yielded as text: `row.deletedAt?.getTime()`
// compiled, and threw at run time on the string. Each member of the union is now typed on its own:
// `Date | null` is `string | null`. The type check is `npx tsc --noEmit -p .` (this file is in the
// project); the test below checks that the values are what the types say.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { formatDates } from '../../src/index.js';

interface Account {
  id: number;
  createdAt: Date;
  deletedAt: Date | null;
  seenAt?: Date;
  due: Date | string;
}

describe('formatDates of rows with nullable dates', () => {
  it('types each Date as text and keeps null and undefined', async () => {
    const at = new Date(Date.UTC(2024, 0, 15));
    const accounts: Account[] = [
      { id: 1, createdAt: at, deletedAt: at, seenAt: at, due: at },
      { id: 2, createdAt: at, deletedAt: null, due: 'soon' },
    ];
    const rows = formatDates(accounts, 'iso');
    expectTypeOf(rows).toEqualTypeOf<AsyncIterable<{ id: number; createdAt: string; deletedAt: string | null; seenAt?: string; due: string }>>();
    const read: { deletedAt: string | null; seenAt?: string; due: string }[] = [];
    for await (const { deletedAt, seenAt, due } of rows) read.push(seenAt === undefined ? { deletedAt, due } : { deletedAt, seenAt, due });
    expect(read).toEqual([
      { deletedAt: '2024-01-15', seenAt: '2024-01-15', due: '2024-01-15' },
      { deletedAt: null, due: 'soon' },
    ]);
    for (const row of read) expect(typeof row.due).toBe('string');
  });
});
