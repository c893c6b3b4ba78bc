// Rows that are Promises (`rows.map(async …)`), Maps or Dates were written as empty lines (which
// readers skip) or empty XLSX rows; they are ROWPORT_INVALID_VALUE naming the row, and a Promise
// asks "did you forget an await?" (#18).
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import { formatDates, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const first = { id: 1, name: 'Ada' };
const kinds: [string, () => unknown, RegExp][] = [
  ['a Promise', () => Promise.resolve(first), /did you forget an await\?/],
  [
    'another thenable',
    () =>
      new (class Query {
        then(resolve: (v: unknown) => void) {
          resolve(first);
        }
      })(),
    /did you forget an await\?/,
  ],
  ['a Map', () => new Map([['id', 1]]), /a Map/],
  ['a Set', () => new Set([1]), /a Set/],
  ['a Date', () => new Date(0), /a Date/],
  ['a RegExp', () => /id/, /a RegExp/],
  ['an Error', () => new Error('x'), /an Error/],
  ['a boxed string', () => new String('id'), /a String/],
  ['an ArrayBuffer', () => new ArrayBuffer(2), /bytes/],
];

describe.each(kinds)('a row that is %s', (_name, make, says) => {
  const error = (row: number) => expect.objectContaining({ code: 'ROWPORT_INVALID_VALUE', row, message: expect.stringMatching(says) });
  const silence = (value: unknown) => (value instanceof Promise ? value.catch(() => undefined) : value);

  it('is refused by toCsv, toXlsx and toWorkbook, as the first row or a later one', async () => {
    for (const rows of [() => [make()], () => [first, make()]]) {
      const index = rows().length - 1;
      await expect(readAll(toCsv(rows().map(silence)))).rejects.toEqual(error(index));
      await expect(readAll(toXlsx(rows().map(silence)))).rejects.toEqual(error(index));
      await expect(
        readAll(
          toWorkbook([
            { name: 'A', rows: [first] },
            { name: 'B', rows: rows().map(silence) },
          ]),
        ),
      ).rejects.toEqual(error(index));
      await expect(readAll(toCsv(rows().map(silence), { columns: ['id'] }))).rejects.toEqual(error(index));
    }
  });

  it('is refused by selectColumns and formatDates', async () => {
    await expect(readAll(toCsv(selectColumns([first, make()].map(silence), ['id'])))).rejects.toEqual(error(1));
    await expect(readAll(toCsv(formatDates([make()].map(silence) as object[], 'iso')))).rejects.toEqual(error(0));
  });
});

describe('rows the writers still take', () => {
  it('class instances, null-prototype objects and arrays', async () => {
    class Person {
      constructor(
        readonly id: number,
        readonly name: string,
      ) {}
    }
    const bare = Object.assign(Object.create(null) as object, { id: 2, name: 'Bo' });
    expect((await readAll(toCsv([new Person(1, 'Ada'), bare], { bom: false }))).toString()).toBe('id,name\r\n1,Ada\r\n2,Bo\r\n');
    expect((await readAll(toCsv([[1, 'Ada']], { bom: false }))).toString()).toBe('1,Ada\r\n');
  });

  it('the rowport CLI refuses a JSON row that is not an object or an array, naming its line', async () => {
    const { code, stderr } = await runInProcess(['--from', 'ndjson', '--to', 'csv'], { input: '{"id":1}\n"2024-01-01"\n' });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/line 2.*expected an object or an array/i);
  });
});
