// In rowport/web a promise rejected by onProgress or onWarning (the queue is down) failed the export
// only after its last row: the whole source was read and every byte streamed to the client first.
// It now errors the stream as the Node entry does, with ROWPORT_CALLBACK_FAILED, soon after the rejection.
import { expect, it } from 'vitest';
import * as web from '../../src/web/index.js';
import { countingSource } from '../helpers/streams.js';

const ROWS = 100_000;
const boom = new Error('job.updateProgress failed');
const failed = expect.objectContaining({ code: 'ROWPORT_CALLBACK_FAILED', cause: boom });

it.each([
  ['toCsv onProgress', (rows: AsyncIterable<object>, reject: () => Promise<void>) => web.toCsv(rows, { onProgress: reject, progressInterval: 0 })],
  [
    'toCsv onProgress, gzip',
    (rows: AsyncIterable<object>, reject: () => Promise<void>) => web.toCsv(rows, { onProgress: reject, progressInterval: 0, gzip: true }),
  ],
  ['toXlsx onProgress', (rows: AsyncIterable<object>, reject: () => Promise<void>) => web.toXlsx(rows, { onProgress: reject, progressInterval: 0 })],
  // row 0's text is cut to a cell's 32,767 characters: a warning at the first row
  ['toXlsx onWarning', (rows: AsyncIterable<object>, reject: () => Promise<void>) => web.toXlsx(rows, { onWarning: reject })],
  [
    'toWorkbook onProgress',
    (rows: AsyncIterable<object>, reject: () => Promise<void>) => web.toWorkbook([{ name: 'A', rows }], { onProgress: reject, progressInterval: 0 }),
  ],
])('%s: a rejected promise stops the export, not after the last row', async (_, make) => {
  const { iterable, state } = countingSource((i) => ({ i, text: i === 0 ? 'x'.repeat(40_000) : `row ${i}` }), ROWS);
  let calls = 0;
  const reject = (): Promise<void> => (++calls === 1 ? Promise.reject(boom) : Promise.resolve());
  const reader = make(iterable, reject).getReader();
  let error: unknown;
  try {
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
      await new Promise((resolve) => setTimeout(resolve, 1)); // a client that reads as the bytes come
    }
  } catch (caught) {
    error = caught;
  }
  expect(error).toEqual(failed);
  expect(state.pulled).toBeLessThan(ROWS);
  expect(state.returned).toBe(1);
});
