// A column key on none of the rows (`columns: ['nmae']`) silently wrote an empty column, and toCsv
// had no onWarning to say so. The writers now report ROWPORT_UNKNOWN_COLUMN once per such key at the
// end of the export, and toCsv takes onWarning as the XLSX writers do (#22).
import type { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { type RowportWarning, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';

async function drain(stream: Readable): Promise<void> {
  for await (const chunk of stream) void chunk;
}

const rows: Record<string, unknown>[] = [
  { name: 'Ada', score: 90, school: { code: 'S1' } },
  { name: 'Bob', score: 70, note: 'late', school: { code: 'S2' } },
];
const columns = ['nmae', 'score', 'note', 'school.code', 'school.cdoe', { key: 'label', value: (row: Record<string, unknown>) => String(row.name) }];

it.each([
  ['toCsv', (onWarning: (w: RowportWarning) => void) => toCsv(rows, { columns, onWarning })],
  ['toXlsx', (onWarning: (w: RowportWarning) => void) => toXlsx(rows, { columns, onWarning })],
  ['toWorkbook', (onWarning: (w: RowportWarning) => void) => toWorkbook([{ name: 'S', rows, columns }], { onWarning })],
  ['selectColumns', (onWarning: (w: RowportWarning) => void) => toCsv(selectColumns(rows, columns, { onWarning }))],
])('%s warns once per key on none of the rows, at the end', async (_, write) => {
  const warnings: RowportWarning[] = [];
  await drain(write((w) => void warnings.push(w)));
  expect(warnings.map((w) => [w.code, w.column])).toEqual([
    ['ROWPORT_UNKNOWN_COLUMN', 'nmae'],
    ['ROWPORT_UNKNOWN_COLUMN', 'school.cdoe'],
  ]);
  expect(warnings[0]?.message).toContain('"nmae" is on none of the 2 rows read');
});

it('no warning without given columns, for array rows, or when every key is found', async () => {
  const warnings: RowportWarning[] = [];
  const onWarning = (w: RowportWarning): void => void warnings.push(w);
  await drain(toCsv(rows, { onWarning }));
  await drain(toCsv([['a', 1]], { columns: ['x', 'y'], onWarning }));
  await drain(toCsv(rows, { columns: ['name', 'note'], onWarning }));
  await drain(toXlsx([], { columns: ['nothing'], onWarning }));
  expect(warnings).toEqual([]);
});

it('toCsv checks onWarning, and what it throws is ROWPORT_CALLBACK_FAILED', async () => {
  expect(() => toCsv(rows, { onWarning: 'yes' as never })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  const stream = toCsv(rows, {
    columns: ['nmae'],
    onWarning: () => {
      throw new Error('no');
    },
  });
  await expect(drain(stream)).rejects.toMatchObject({ code: 'ROWPORT_CALLBACK_FAILED' });
});
