// A Node stream of rows that an export stopped before reading (a signal aborted already, an output
// destroyed before its first read, a workbook's later sheet when an earlier sheet failed) was never
// destroyed: return() on its unstarted async iterator closes nothing, so the cursor behind it (a
// query already sent) stayed open. Such a stream is now destroyed; one another reader took is not.
import { Readable } from 'node:stream';
import { expect, it, vi } from 'vitest';
import * as web from '../../src/web/index.js';
import { toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const cursor = () =>
  new Readable({
    objectMode: true,
    read() {
      this.push({ id: 1 });
    },
  });
const aborted = () => AbortSignal.abort(new Error('client went away'));

it.each([
  ['toCsv', (rows: Readable) => toCsv(rows, { signal: aborted() })],
  ['toXlsx', (rows: Readable) => toXlsx(rows, { signal: aborted() })],
  ['toCsv with gzip', (rows: Readable) => toCsv(rows, { signal: aborted(), gzip: true })],
])('%s with a signal aborted already destroys the stream of rows', async (_, make) => {
  const rows = cursor();
  await expect(readAll(make(rows))).rejects.toEqual(expect.objectContaining({ code: 'ROWPORT_ABORTED' }));
  await vi.waitFor(() => expect(rows.destroyed).toBe(true));
});

it('rowport/web with a signal aborted already destroys the stream of rows', async () => {
  const rows = cursor();
  await expect(new Response(web.toCsv(rows, { signal: aborted() })).arrayBuffer()).rejects.toEqual(expect.objectContaining({ code: 'ROWPORT_ABORTED' }));
  await vi.waitFor(() => expect(rows.destroyed).toBe(true));
});

it('an output destroyed before its first read destroys the stream of rows', async () => {
  const rows = cursor();
  toCsv(rows).destroy();
  await vi.waitFor(() => expect(rows.destroyed).toBe(true));
});

it("a workbook whose first sheet fails destroys a later sheet's stream", async () => {
  const later = cursor();
  const workbook = toWorkbook([
    { name: 'A', rows: [{ bad: () => 1 }] },
    { name: 'B', rows: later },
  ]);
  await expect(readAll(workbook)).rejects.toEqual(expect.objectContaining({ code: 'ROWPORT_INVALID_VALUE' }));
  await vi.waitFor(() => expect(later.destroyed).toBe(true));
});

it('a stream another reader took first is refused, not destroyed', async () => {
  const rows = cursor();
  const output = toCsv(rows);
  rows.on('data', () => rows.pause()); // someone else reads it before the export does
  await expect(readAll(output)).rejects.toEqual(expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE' }));
  expect(rows.destroyed).toBe(false);
  rows.destroy();
});
