// An object-mode Readable of rows (a database cursor stream) was closed through its async iterator,
// whose return() waits for a read in flight: an export aborted or destroyed while the stream had no
// next row yet (a slow query) never destroyed the stream, so the cursor behind it stayed open until
// a row came, if ever. Stopping now destroys the stream at once.
import { Readable } from 'node:stream';
import { expect, it, vi } from 'vitest';
import * as web from '../../src/web/index.js';
import { formatDates, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

/** 10 rows, then none for ever (a query still running); counts its destroy. */
function stuckCursor() {
  const state = { destroyed: 0 };
  let i = 0;
  const stream = new Readable({
    objectMode: true,
    read() {
      if (i < 10) this.push({ i: i++ });
    },
    destroy(error, callback) {
      state.destroyed++;
      callback(error);
    },
  });
  return { stream, state };
}

it.each([
  ['toCsv', (rows: Readable, signal: AbortSignal) => toCsv(rows, { signal })],
  ['toCsv of formatDates', (rows: Readable, signal: AbortSignal) => toCsv(formatDates(rows, 'iso'), { signal })],
  ['toXlsx', (rows: Readable, signal: AbortSignal) => toXlsx(rows, { signal })],
  ['toWorkbook', (rows: Readable, signal: AbortSignal) => toWorkbook([{ name: 'A', rows }], { signal })],
  ['rowport/web toCsv', (rows: Readable, signal: AbortSignal) => web.toCsv(rows, { signal })],
])('%s: an abort while a row is awaited destroys the stream of rows', async (_, make) => {
  const { stream, state } = stuckCursor();
  const controller = new AbortController();
  const output = make(stream, controller.signal);
  const reading = (output instanceof ReadableStream ? new Response(output).arrayBuffer() : readAll(output)).catch((error: unknown) => error);
  await new Promise((resolve) => setTimeout(resolve, 50));
  controller.abort();
  expect(await reading).toEqual(expect.objectContaining({ code: 'ROWPORT_ABORTED' }));
  await vi.waitFor(() => expect(state.destroyed).toBe(1));
});

it('destroying the output (a client that hung up) destroys it too', async () => {
  const { stream, state } = stuckCursor();
  const output = toCsv(stream);
  output.resume();
  await new Promise((resolve) => setTimeout(resolve, 50));
  output.destroy();
  await vi.waitFor(() => expect(state.destroyed).toBe(1));
});
