// A Node stream given as rows that emitted 'error' before rowport started reading it (the query of
// a workbook's second sheet failed while the first was written; a stream that failed before the
// consumer's first read) had no 'error' listener yet: the error was an uncaught exception, which
// crashes Node by default. The export now fails with it as ROWPORT_SOURCE_FAILED, and nothing else.
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { formatDates, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { failOnUncaught } from '../helpers/uncaught.js';

const boom = new Error('relation "scores" does not exist');
const failed = expect.objectContaining({ code: 'ROWPORT_SOURCE_FAILED', row: 0, cause: boom });
const uncaught = failOnUncaught(0);

it("a workbook's later sheet whose stream fails while an earlier sheet is written", async () => {
  async function* slow() {
    for (let i = 0; i < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      yield { i };
    }
  }
  const scores = new PassThrough({ objectMode: true });
  setTimeout(() => scores.destroy(boom), 20);
  await expect(
    readAll(
      toWorkbook([
        { name: 'A', rows: slow() },
        { name: 'B', rows: scores },
      ]),
    ),
  ).rejects.toEqual(failed);
  expect(uncaught()).toEqual([]);
});

it.each([
  ['toCsv', (rows: PassThrough) => toCsv(rows)],
  ['toXlsx', (rows: PassThrough) => toXlsx(rows)],
  ['selectColumns', (rows: PassThrough) => toCsv(selectColumns(rows, ['i']))],
  ['formatDates', (rows: PassThrough) => toCsv(formatDates(rows, 'iso'))],
])('%s: a stream that fails before the first read', async (_, make) => {
  const rows = new PassThrough({ objectMode: true });
  const output = make(rows);
  rows.destroy(boom);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await expect(readAll(output)).rejects.toEqual(failed);
  expect(uncaught()).toEqual([]);
});
