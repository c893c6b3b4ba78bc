import type { Readable } from 'node:stream';

const counters = new WeakMap<Readable, () => number>();

/** Remembers how to count the rows written to `stream`, for `exportToFile`'s summary. */
export function trackRows<S extends Readable>(stream: S, count: () => number): S {
  counters.set(stream, count);
  return stream;
}

/** Rows written to a stream made by a rowport writer; 0 for any other stream. */
export function rowsWritten(stream: Readable): number {
  return counters.get(stream)?.() ?? 0;
}

/** True when `stream` was made by a rowport writer (its bytes are the export, not text to decode). */
export function isWriterStream(stream: Readable): boolean {
  return counters.has(stream);
}
