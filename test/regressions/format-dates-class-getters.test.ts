// formatDates copied a row with `{ ...row }`: a class instance lost the values its class holds in
// getters (`get fullName()`), so `toCsv(formatDates(rows, 'eu'), { columns: ['fullName'] })` wrote
// empty cells where `toCsv(rows, …)` wrote the names, and a Date getter was neither formatted nor kept.
// The copy now holds them (not enumerable: a writer without `columns` binds the same keys as before).
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { formatDates, toCsv } from '../../src/index.js';
import { readAll, readText } from '../helpers/streams.js';

class Student {
  readonly #enrolled = new Date(Date.UTC(2024, 8, 1));
  constructor(
    readonly id: number,
    readonly first: string,
    readonly born: Date,
  ) {}
  get fullName(): string {
    return `${this.first} Lovelace`;
  }
  get enrolled(): Date {
    return this.#enrolled;
  }
}
const rows = () => [new Student(1, 'Ada', new Date(Date.UTC(2000, 0, 2))), new Student(2, 'Bo', new Date(Date.UTC(2001, 5, 30)))];

/** The records Python's csv module reads from the text. */
function pythonCsv(text: string): string[][] {
  const script = 'import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin))))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: text, encoding: 'utf8' })) as string[][];
}

it('keeps the values of getters for the columns that name them, their dates formatted', async () => {
  const columns = ['id', 'fullName', 'born', 'enrolled'];
  const expected = [columns, ['1', 'Ada Lovelace', '02.01.2000', '01.09.2024'], ['2', 'Bo Lovelace', '30.06.2001', '01.09.2024']];
  expect(pythonCsv(await readText(toCsv(formatDates(rows(), 'eu'), { columns, bom: false })))).toEqual(expected);
  expect(pythonCsv(await readText(toCsv(rows(), { columns, bom: false, dateFormat: 'eu' })))).toEqual(expected);
  const only = await readText(toCsv(formatDates(rows(), 'eu', { columns: ['enrolled'] }), { columns: ['id', 'enrolled'], bom: false }));
  expect(pythonCsv(only)).toEqual([
    ['id', 'enrolled'],
    ['1', '01.09.2024'],
    ['2', '01.09.2024'],
  ]);
});

it('without columns, the writer binds the same keys as for the rows themselves', async () => {
  const direct = await readText(toCsv(rows(), { bom: false, dateFormat: 'eu' }));
  expect(await readText(toCsv(formatDates(rows(), 'eu'), { bom: false }))).toBe(direct);
  expect(pythonCsv(direct)[0]).toEqual(['id', 'first', 'born']);
});

it('rows whose values are all getters are refused without columns, not written as blank lines', async () => {
  class Only {
    get id(): number {
      return 1;
    }
  }
  await expect(readAll(toCsv(formatDates([new Only()], 'iso')))).rejects.toEqual(
    expect.objectContaining({ code: 'ROWPORT_INVALID_VALUE', row: 0, message: expect.stringContaining("columns: ['id']") }),
  );
  expect(await readText(toCsv(formatDates([new Only()], 'iso'), { columns: ['id'], bom: false }))).toBe('id\r\n1\r\n');
});

it('a getter that throws fails only a column that reads it, naming its row and key', async () => {
  const boom = new Error('lazy relation not loaded');
  class Lazy {
    readonly id = 1;
    get teacher(): string {
      throw boom;
    }
  }
  expect(await readText(toCsv(formatDates([new Lazy()], 'iso'), { bom: false }))).toBe('id\r\n1\r\n');
  await expect(readAll(toCsv(formatDates([new Lazy()], 'iso'), { columns: ['id', 'teacher'] }))).rejects.toEqual(
    expect.objectContaining({ code: 'ROWPORT_INVALID_VALUE', row: 0, column: 'teacher', cause: boom }),
  );
});
