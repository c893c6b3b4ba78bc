import { RowportError, RowportErrorCode } from '../errors.js';
import type { Rows } from '../types.js';
import { BATCHES, RowReader, type RowsEnd, mappedBatches } from './rowReader.js';

/** Rows read from the source at a time. */
const READ_AHEAD = 256;

/**
 * Maps every row of a source, as an async iterable that closes the source when iteration stops
 * early. A rowport writer reading the result takes whole batches through {@link BATCHES}
 * instead of awaiting a promise per row; iterating it yourself uses the generator. Only one of
 * the two may start: both would read `rows`, each getting part of them. Used by the composable pieces (`selectColumns`, `formatDates`).
 * `end`, when given, runs once after the last row (never when iteration stops early), and the
 * result ends only when the promise it returns settles.
 */
export function mapRows<T, U>(rows: Rows<T>, map: (row: T, index: number) => U, end?: RowsEnd): AsyncIterable<U> {
  let started = false;
  const start = (): void => {
    if (started) throw readTwice();
    started = true;
  };
  const mapped = (async function* mapped() {
    start();
    const reader = new RowReader(rows);
    try {
      for (;;) {
        let batch = reader.readBatch(READ_AHEAD);
        if (!Array.isArray(batch)) batch = await batch;
        if (batch.length === 0) {
          await end?.(reader.index);
          return;
        }
        const base = reader.index - batch.length;
        for (let i = 0; i < batch.length; i++) yield map(batch[i] as T, base + i);
      }
    } finally {
      await reader.close();
    }
  })();
  return Object.assign(mapped, {
    [BATCHES]: () => {
      start();
      return mappedBatches(rows, map, READ_AHEAD, end);
    },
  });
}

// --- internal ---

function readTwice(): RowportError {
  return new RowportError(
    RowportErrorCode.InvalidSource,
    'Invalid rows: this result of selectColumns or formatDates is read already (by a for await or a writer); read it once, or call the helper again for each reader',
  );
}
