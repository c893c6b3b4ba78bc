// Epoch milliseconds as a bigint (PostgreSQL's int8 through pg, a BIGINT column in most drivers) in
// a `date` or `datetime` column were ROWPORT_INVALID_DATE, though the same value as a number is a
// date. A bigint a Date can hold is now that instant, in CSV and XLSX; one past it is still refused.
import { afterAll, describe, expect, it } from 'vitest';
import { RowportError, toCsv, toXlsx } from '../../src/index.js';
import { readText } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { readWithOpenpyxl, removeTempDirs, saveTo, tempDir, values } from '../helpers/xlsx.js';

afterAll(removeTempDirs);

const MS = 1705329045123; // 2024-01-15T14:30:45.123Z
const columns = [
  { key: 'at', type: 'datetime' as const },
  { key: 'day', type: 'date' as const },
];

describe('a bigint epoch in a date column', () => {
  it('CSV writes the instant, as for the number', async () => {
    const csv = (v: unknown) => readText(toCsv([{ at: v, day: v }], { columns, bom: false, header: false, dateFormat: 'iso' }));
    expect(await csv(BigInt(MS))).toBe(await csv(MS));
    expect(await csv(-1n)).toBe(await csv(-1));
  });

  it.runIf(haveTool('openpyxl'))('XLSX writes the date cell, as for the number (openpyxl)', async () => {
    const dir = tempDir();
    const a = await saveTo(dir, 'a.xlsx', toXlsx([{ at: BigInt(MS), day: BigInt(MS) }], { columns }));
    const b = await saveTo(dir, 'b.xlsx', toXlsx([{ at: MS, day: MS }], { columns }));
    const read = readWithOpenpyxl([a, b]);
    expect(values(read[a]!.sheets[0]!)).toEqual(values(read[b]!.sheets[0]!));
  });

  it('refuses one past what a Date holds, in both writers', async () => {
    const far = 8_640_000_000_000_001n;
    const csvError = await readText(toCsv([{ at: far }], { columns: [columns[0]!] })).catch((e: unknown) => e);
    const xlsxError = await readText(toXlsx([{ at: far }], { columns: [columns[0]!] })).catch((e: unknown) => e);
    for (const error of [csvError, xlsxError]) {
      expect(error).toBeInstanceOf(RowportError);
      expect((error as RowportError).code).toBe('ROWPORT_INVALID_DATE');
      expect((error as RowportError).column).toBe('at');
    }
  });
});
