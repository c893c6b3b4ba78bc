// formatDates with `columns` left an empty string alone in object rows but tried to read it as a
// date in array rows, failing with ROWPORT_INVALID_DATE ("got \"\""): the same data in the other row
// shape stopped the export. An empty string, null and undefined now stay as they are in both, as the
// writers leave such cells empty (#12).
import { expect, it } from 'vitest';
import { formatDates } from '../../src/index.js';

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

it('leaves empty cells of array rows as they are', async () => {
  const rows = await all(formatDates([['', '2024-01-15', null, undefined]], 'eu', { columns: ['0', '1', '2', '3'] }));
  expect(rows).toEqual([['', '15.01.2024', null, undefined]]);
});

it('as it does in object rows', async () => {
  const rows = await all(formatDates([{ a: '', b: '2024-01-15' }], 'eu', { columns: ['a', 'b'] }));
  expect(rows).toEqual([{ a: '', b: '15.01.2024' }]);
});
