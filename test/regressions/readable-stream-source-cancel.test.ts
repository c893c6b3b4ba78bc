// A ReadableStream of rows was read through its async iterator, whose return() waits for a read in
// flight: an export aborted or cancelled while the stream's pull() was waiting (a cursor with no next
// row yet) never cancelled the stream, so the cursor behind it stayed open. And where ReadableStream
// has no async iterator (Safari), a ReadableStream was refused as "expected … a ReadableStream, got
// a ReadableStream". Rows are now read through the stream's reader, which cancels at once.
import { afterEach, expect, it, vi } from 'vitest';
import * as web from '../../src/web/index.js';
import { toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll, readText } from '../helpers/streams.js';

/** 10 rows, then a pull() that never settles; counts the stream's cancel(). */
function stuckStream() {
  const state = { cancelled: 0 };
  let i = 0;
  const stream = new ReadableStream<object>(
    {
      pull(controller) {
        if (i < 10) controller.enqueue({ i: i++ });
        else return new Promise<void>(() => undefined);
      },
      cancel() {
        state.cancelled++;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

it.each([
  ['toCsv', (rows: ReadableStream<object>, signal: AbortSignal) => toCsv(rows, { signal })],
  ['toXlsx', (rows: ReadableStream<object>, signal: AbortSignal) => toXlsx(rows, { signal })],
  ['toWorkbook', (rows: ReadableStream<object>, signal: AbortSignal) => toWorkbook([{ name: 'A', rows }], { signal })],
  ['rowport/web toCsv', (rows: ReadableStream<object>, signal: AbortSignal) => web.toCsv(rows, { signal })],
  ['rowport/web toXlsx', (rows: ReadableStream<object>, signal: AbortSignal) => web.toXlsx(rows, { signal })],
])('%s: an abort while a row is awaited cancels the ReadableStream', async (_, make) => {
  const { stream, state } = stuckStream();
  const controller = new AbortController();
  const output = make(stream, controller.signal);
  const reading = (output instanceof ReadableStream ? new Response(output).arrayBuffer() : readAll(output)).catch((error: unknown) => error);
  await new Promise((resolve) => setTimeout(resolve, 50));
  controller.abort();
  expect(await reading).toEqual(expect.objectContaining({ code: 'ROWPORT_ABORTED' }));
  await vi.waitFor(() => expect(state.cancelled).toBe(1));
});

it('rowport/web: cancelling the output while a row is awaited cancels the ReadableStream', async () => {
  const { stream, state } = stuckStream();
  const reader = web.toCsv(stream).getReader();
  const read = reader.read();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await reader.cancel();
  await read;
  await vi.waitFor(() => expect(state.cancelled).toBe(1));
});

const asyncIterator = Object.getOwnPropertyDescriptor(ReadableStream.prototype, Symbol.asyncIterator);
afterEach(() => {
  if (asyncIterator) Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, asyncIterator);
});

it('a ReadableStream is read where it has no async iterator (Safari)', async () => {
  Reflect.deleteProperty(ReadableStream.prototype, Symbol.asyncIterator);
  const rows = () =>
    new ReadableStream<object>({
      start(controller) {
        controller.enqueue({ id: 1, name: 'Ada' });
        controller.enqueue({ id: 2, name: 'Bo' });
        controller.close();
      },
    });
  expect(await readText(toCsv(rows(), { bom: false }))).toBe('id,name\r\n1,Ada\r\n2,Bo\r\n');
  expect(await new Response(web.toCsv(rows(), { bom: false })).text()).toBe('id,name\r\n1,Ada\r\n2,Bo\r\n');
});
