// A Promise (a forgotten await) or a pg result object ({ rows, rowCount }) passed as the rows was
// refused with "got an object (Promise)" / "got an object (Result)", which does not say what to do.
// The error now names the likely mistake: "did you forget an await?", "did you mean result.rows?" (#22).
import { expect, it } from 'vitest';
import { exportToFile, formatDates, fromCsv, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';

class Result {
  command = 'SELECT';
  rowCount = 1;
  rows = [{ id: 1 }];
  fields = [{ name: 'id' }];
}
const query = async (): Promise<{ id: number }[]> => [{ id: 1 }];

const calls: [string, (rows: never) => unknown][] = [
  ['toCsv', (rows) => toCsv(rows)],
  ['toXlsx', (rows) => toXlsx(rows)],
  ['toWorkbook', (rows) => toWorkbook([{ name: 'A', rows }])],
  ['selectColumns', (rows) => selectColumns(rows, ['id'])],
  ['formatDates', (rows) => formatDates(rows, 'iso')],
];

it.each(calls)('%s: a Promise as the rows asks for the await', (_, call) => {
  const pending = query();
  expect(() => call(pending as never)).toThrow(
    expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE', message: expect.stringContaining('did you forget an await') }),
  );
});

it.each(calls)('%s: a pg result object asks for result.rows', (_, call) => {
  expect(() => call(new Result() as never)).toThrow(
    expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE', message: expect.stringContaining('did you mean result.rows?') }),
  );
  expect(() => call({ rows: [{ id: 1 }], rowCount: 1 } as never)).toThrow(expect.objectContaining({ message: expect.stringContaining('result.rows') }));
});

it('a result without rows (an UPDATE) says it has no rows to write', () => {
  expect(() => toCsv({ command: 'UPDATE', rowCount: 3, rows: [] } as never)).toThrow(
    expect.objectContaining({ message: expect.stringContaining('result.rows') }),
  );
  expect(() => toCsv({ rowCount: 3 } as never)).toThrow(expect.objectContaining({ message: expect.stringContaining('a query result') }));
});

it('exportToFile: a Promise of a stream asks for the await', async () => {
  await expect(exportToFile(Promise.resolve(toCsv([])) as never, '/tmp/never.csv')).rejects.toMatchObject({ message: expect.stringContaining('await') });
});

it('fromCsv: a Promise as the input asks for the await', () => {
  expect(() => fromCsv(Promise.resolve(Buffer.from('a\n1\n')) as never)).toThrow(
    expect.objectContaining({ message: expect.stringContaining('did you forget an await') }),
  );
});
