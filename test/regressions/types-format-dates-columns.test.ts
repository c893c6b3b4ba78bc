// `formatDates(rows, format, { columns })` was typed as if it formatted every Date, whatever the
// columns: a Date outside `columns` (yielded as it is) was typed `string`, and the epoch ms or the
// 'YYYY-MM-DD' string of a key in `columns` (yielded as text) kept `number`, so `row.paidAt + 1`
// compiled and concatenated. The keys of literal `columns` are now typed as text (`null`, `undefined`
// and `''` as they are) and the rest as they are; columns known only at run time give either. The
// type check is `npx tsc --noEmit -p .` (this file is in the project); the test checks the values.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type FormatDatesOptions, formatDates } from '../../src/index.js';

interface Payment {
  id: number;
  createdAt: Date;
  paidAt: number | null;
  due: string;
}
const at = new Date(Date.UTC(2024, 0, 15));
const payments: Payment[] = [{ id: 1, createdAt: at, paidAt: at.getTime(), due: '2024-02-01' }];

describe('formatDates with columns', () => {
  it('types the keys of literal columns as text and the others as they are', async () => {
    const rows = formatDates(payments, 'eu', { columns: ['paidAt', 'due'] });
    expectTypeOf(rows).toEqualTypeOf<AsyncIterable<{ id: number; createdAt: Date; paidAt: string | null; due: string }>>();
    for await (const row of rows) {
      expect(row.createdAt).toBeInstanceOf(Date);
      expect(row.createdAt.getTime()).toBe(at.getTime());
      expect(row.paidAt).toBe('15.01.2024');
      expect(row.due).toBe('01.02.2024');
    }
  });

  it('formats nothing with no column, and types either value for columns not known until run time', async () => {
    const none = formatDates(payments, 'eu', { columns: [] });
    expectTypeOf(none).toEqualTypeOf<AsyncIterable<Payment>>();
    for await (const row of none) expect(row).toEqual(payments[0]);
    const options: FormatDatesOptions = { columns: ['paidAt'] };
    const some = formatDates(payments, 'eu', options);
    expectTypeOf(some).toEqualTypeOf<AsyncIterable<{ id: number | string; createdAt: Date | string; paidAt: number | string | null; due: string }>>();
    for await (const row of some) expect(row.paidAt).toBe('15.01.2024');
    expectTypeOf(formatDates(payments, 'eu', { timeZone: 'UTC' })).toEqualTypeOf<
      AsyncIterable<{ id: number; createdAt: string; paidAt: number | null; due: string }>
    >();
  });
});
