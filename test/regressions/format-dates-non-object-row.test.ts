// formatDates([5, null], 'iso') gave [{}, {}]: a row that is not an object or array was turned
// into an empty object. It fails as toCsv would (#10).
import { expect, it } from 'vitest';
import { formatDates } from '../../src/index.js';

it('formatDates refuses a row that is not an object or an array, naming the row', async () => {
  const run = async (rows: unknown[]) => {
    for await (const _ of formatDates(rows as object[], 'iso'));
  };
  await expect(run([5, null])).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 0 });
  await expect(run([{ a: 1 }, null])).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
  await expect(run([{ a: 1 }, [1]])).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 1 });
});
