import type { Rows } from '../types.js';
import { BATCHES, RowReader, mappedBatches } from './rowReader.js';

/** Rows read from the source at a time. */
const READ_AHEAD = 256;

/**
 * Maps every row of a source, as an async iterable that closes the source when iteration stops
 * early. A rowport writer reading the result takes whole batches through {@link BATCHES}
 * instead of awaiting a promise per row; iterating it yourself uses the generator. Only one of
 * the two is ever started. Used by the composable pieces (`selectColumns`, `formatDates`).
 */
export function mapRows<T, U>(rows: Rows<T>, map: (row: T, index: number) => U): AsyncIterable<U> {
  const mapped = (async function* mapped() {
    const reader = new RowReader(rows);
    try {
      for (;;) {
        let batch = reader.readBatch(READ_AHEAD);
        if (!Array.isArray(batch)) batch = await batch;
        if (batch.length === 0) return;
        const base = reader.index - batch.length;
        for (let i = 0; i < batch.length; i++) yield map(batch[i] as T, base + i);
      }
    } finally {
      await reader.close();
    }
  })();
  return Object.assign(mapped, { [BATCHES]: () => mappedBatches(rows, map, READ_AHEAD) });
}
