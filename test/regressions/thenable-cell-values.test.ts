// An async `value()` (or a Promise as a row's property) was written as `{}` in every cell, in CSV
// and XLSX alike: a thenable cell value is now refused, naming row and column (#18).
import { describe, expect, it } from 'vitest';
import { formatDates, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const total = async (row: { id: number }) => row.id * 2;
const asyncColumn = [{ key: 'id' }, { key: 'total', value: total }];
const rows = () => [{ id: 1 }, { id: 2 }];
const thenable = { then: (resolve: (v: number) => void) => resolve(1) };
const refused = (row: number, column: string) => ({ code: 'ROWPORT_INVALID_VALUE', row, column, message: expect.stringMatching(/await/) });

describe('thenable cell values', () => {
  it('toCsv refuses an async value() at the first row', async () => {
    await expect(readAll(toCsv(rows(), { columns: asyncColumn }))).rejects.toMatchObject(refused(0, 'total'));
  });

  it('toXlsx and toWorkbook refuse it, in every kind of column', async () => {
    await expect(readAll(toXlsx(rows(), { columns: asyncColumn }))).rejects.toMatchObject(refused(0, 'total'));
    for (const type of ['string', 'integer', 'date', 'url'] as const) {
      const columns = [{ key: 'id' }, { key: 'total', value: total, type }];
      await expect(readAll(toXlsx(rows(), { columns }))).rejects.toMatchObject(refused(0, 'total'));
      await expect(readAll(toWorkbook([{ name: 'a', rows: rows(), columns }]))).rejects.toMatchObject(refused(0, 'total'));
      await expect(readAll(toCsv(rows(), { columns }))).rejects.toMatchObject(refused(0, 'total'));
    }
  });

  it('refuses a Promise or a thenable as a plain property of a row', async () => {
    const data = [
      { a: 1, p: 2 },
      { a: 3, p: Promise.resolve(4) },
    ];
    await expect(readAll(toCsv(data))).rejects.toMatchObject(refused(1, 'p'));
    await expect(readAll(toXlsx(data))).rejects.toMatchObject(refused(1, 'p'));
    await expect(readAll(toCsv([{ a: thenable }]))).rejects.toMatchObject(refused(0, 'a'));
    await expect(readAll(toXlsx([{ a: thenable }], { columns: [{ key: 'a', type: 'date' }] }))).rejects.toMatchObject(refused(0, 'a'));
  });

  it('refuses a thenable nested in an object or array', async () => {
    await expect(readAll(toCsv([{ a: { b: [Promise.resolve(1)] } }]))).rejects.toMatchObject(refused(0, 'a'));
    await expect(readAll(toXlsx([{ a: [thenable] }]))).rejects.toMatchObject(refused(0, 'a'));
  });

  it('refuses an async formula() or rowStyle() instead of ignoring its Promise', async () => {
    const formula = async () => 'A1*2';
    await expect(readAll(toXlsx(rows(), { columns: ['id', { key: 'f', formula }] as never }))).rejects.toMatchObject(refused(0, 'f'));
    const rowStyle = async () => ({ bold: true });
    await expect(readAll(toXlsx(rows(), { rowStyle } as never))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_VALUE',
      row: 0,
      message: expect.stringMatching(/await/),
    });
  });

  it('through selectColumns and formatDates, the writer still refuses it', async () => {
    const selected = selectColumns(rows(), asyncColumn);
    await expect(readAll(toCsv(formatDates(selected, 'eu')))).rejects.toMatchObject(refused(0, 'total'));
    const dated = formatDates([{ at: Promise.resolve(new Date(0)) }], 'eu', { columns: ['at'] });
    await expect(readAll(toXlsx(dated))).rejects.toMatchObject(refused(0, 'at'));
  });
});
