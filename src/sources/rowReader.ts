import { RowportError, RowportErrorCode, describe } from '../errors.js';
import type { Readable } from 'node:stream';
import type { Rows } from '../types.js';

/**
 * Marks rows that can also be read a batch at a time: rowport's composable pieces (`formatDates`)
 * add it to the async iterable they return, so that a writer reading them gets whole batches
 * instead of awaiting a promise per row. The value is a function returning a {@link BatchSource}.
 */
export const BATCHES = Symbol('rowport.batches');

/** Rows handed out a batch at a time; see {@link BATCHES}. */
export interface BatchSource<T> {
  /** Up to `max` rows; an empty array once the rows have ended. */
  readBatch(max: number): T[] | Promise<T[]>;
  /** Stops reading and closes the underlying source, once. */
  close(): Promise<void>;
}

/**
 * Reads any {@link Rows} in batches, counting rows, enforcing `maxRows`, and closing the source
 * (its iterator's `return()`) exactly once when reading stops early.
 *
 * Sync sources are read without a promise per row: `readBatch` returns the batch directly.
 */
export class RowReader<T> {
  /** Rows handed out so far; also the index of the next row. */
  index = 0;
  /** True once the source ended, failed or was closed. */
  finished = false;
  private readonly syncIterator: Iterator<T> | undefined;
  private readonly asyncIterator: AsyncIterator<T> | undefined;
  private readonly array: readonly T[] | undefined;
  private readonly batches: BatchSource<T> | undefined;
  private closed = false;

  constructor(rows: Rows<T>, private readonly maxRows = Infinity) {
    if (Array.isArray(rows)) this.array = rows;
    else if (hasBatches<T>(rows)) this.batches = rows[BATCHES]();
    else if (isAsyncIterable<T>(rows)) this.asyncIterator = rows[Symbol.asyncIterator]();
    else this.syncIterator = (rows as Iterable<T>)[Symbol.iterator]();
  }

  /** True when the source may make the caller wait. */
  get isAsync(): boolean {
    return this.asyncIterator !== undefined || this.batches !== undefined;
  }

  /**
   * Up to `max` rows; an empty array means the source has ended. Async sources return a promise.
   * @throws {RowportError} `ROWPORT_SOURCE_FAILED` (cause kept) or `ROWPORT_MAX_ROWS`.
   */
  readBatch(max: number): T[] | Promise<T[]> {
    if (this.finished) return [];
    if (this.batches) return this.readBatches(this.batches, max);
    if (this.asyncIterator) return this.readAsync(this.asyncIterator, max);
    const batch: T[] = [];
    if (this.array) {
      const end = Math.min(this.array.length, this.index + max);
      for (let i = this.index; i < end; i++) batch.push(this.array[i] as T);
      if (end === this.array.length) this.finished = true;
    } else {
      const iterator = this.syncIterator as Iterator<T>;
      while (batch.length < max) {
        let result: IteratorResult<T>;
        try {
          result = iterator.next();
        } catch (error) {
          throw this.failed(error, this.index + batch.length);
        }
        if (result.done) {
          this.finished = true;
          break;
        }
        batch.push(result.value);
      }
    }
    this.count(batch.length, batch);
    return batch;
  }

  /**
   * Stops reading: calls the source's `return()` once, unless it already ended. Never throws;
   * an error from `return()` is ignored, because the export is already over.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.finished) return;
    this.finished = true;
    try {
      if (this.batches) await this.batches.close();
      else if (this.asyncIterator?.return) await this.asyncIterator.return();
      else if (this.syncIterator?.return) this.syncIterator.return();
    } catch {
      // The consumer is gone; a failing return() has no one to report to.
    }
  }

  // --- internal ---

  private async readAsync(iterator: AsyncIterator<T>, max: number): Promise<T[]> {
    const batch: T[] = [];
    while (batch.length < max) {
      let result: IteratorResult<T>;
      try {
        result = await iterator.next();
      } catch (error) {
        throw this.failed(error, this.index + batch.length);
      }
      if (result.done || this.closed) {
        this.finished = true;
        break;
      }
      batch.push(result.value);
    }
    this.count(batch.length, batch);
    return batch;
  }

  private readBatches(source: BatchSource<T>, max: number): T[] | Promise<T[]> {
    const took = (batch: T[]): T[] => {
      if (batch.length === 0 || this.closed) this.finished = true;
      this.count(batch.length);
      return batch;
    };
    let batch: T[] | Promise<T[]>;
    try {
      batch = source.readBatch(max);
    } catch (error) {
      throw this.failed(error, this.index);
    }
    if (Array.isArray(batch)) return took(batch);
    return batch.then(took, (error: unknown) => {
      throw this.failed(error, this.index);
    });
  }

  private count(n: number, batch?: readonly unknown[]): void {
    // Bytes, not rows: a byte ReadableStream (`fetch().body`) shows what it holds only at its first chunk.
    if (this.index === 0 && batch !== undefined && ArrayBuffer.isView(batch[0])) {
      this.failed(undefined, 0);
      void this.close();
      throw bytesSource('a source whose first row is bytes');
    }
    this.index += n;
    if (this.index > this.maxRows) {
      void this.close();
      throw new RowportError(
        RowportErrorCode.MaxRows,
        `Row ${this.maxRows}: the source has more than maxRows (${this.maxRows}) rows`,
        { row: this.maxRows },
      );
    }
  }

  private failed(error: unknown, row: number): RowportError {
    this.finished = true; // a throwing iterator is done; return() is not called on it
    this.closed = true;
    if (error instanceof RowportError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    return new RowportError(RowportErrorCode.SourceFailed, `Row ${row}: the source failed: ${reason}`, { row, cause: error });
  }
}

/**
 * Checks that `rows` can be read, before any work starts.
 * @throws {RowportError} `ROWPORT_INVALID_SOURCE`.
 */
export function assertRows(rows: unknown): asserts rows is Rows<unknown> {
  const ok = rows !== null && typeof rows === 'object' && (Symbol.asyncIterator in rows || Symbol.iterator in rows);
  if (!ok) {
    throw new RowportError(
      RowportErrorCode.InvalidSource,
      `Invalid rows: expected an array, an iterable, an async iterable, an object-mode Readable or a ReadableStream, got ${describe(rows)}`,
    );
  }
  if (ArrayBuffer.isView(rows)) throw bytesSource(describe(rows));
  const stream = rows as Partial<Pick<Readable, 'readableObjectMode' | 'readableEnded' | 'destroyed' | 'readableDidRead' | 'pipe'>>;
  if (typeof stream.pipe === 'function' && typeof stream.readableObjectMode === 'boolean') {
    if (!stream.readableObjectMode) throw bytesSource('a byte Readable (not in object mode)');
    if (stream.readableEnded || stream.destroyed || stream.readableDidRead) {
      throw new RowportError(
        RowportErrorCode.InvalidSource,
        'Invalid rows: the Readable was already read, ended or destroyed; pass a fresh stream (its rows would be missing)',
      );
    }
  }
}

/**
 * A {@link BatchSource} over `rows`, each row passed through `map(row, index)`: what a composable
 * piece returns under {@link BATCHES}. It reads `rows` exactly as the piece's generator does
 * (`readAhead` rows at a time, each when the previous ones are used up), so a failing source or a
 * throwing `map` is met at the same row, and either closes `rows` before the error is thrown.
 */
export function mappedBatches<T, U>(rows: Rows<T>, map: (row: T, index: number) => U, readAhead: number): BatchSource<U> {
  const reader = new RowReader(rows);
  let pending: T[] = [];
  let next = 0; // position in pending
  const took = (batch: T[]): void => {
    pending = batch;
    next = 0;
  };
  // Adds mapped rows to `out` up to `max`, reading ahead whenever `pending` is used up.
  const fill = (out: U[], max: number): U[] | Promise<U[]> => {
    while (out.length < max) {
      if (next === pending.length) {
        const batch = reader.readBatch(readAhead);
        if (!Array.isArray(batch)) {
          return batch.then((read) => {
            took(read);
            return read.length === 0 ? out : fill(out, max);
          });
        }
        took(batch);
        if (batch.length === 0) break;
      }
      const base = reader.index - pending.length;
      out.push(map(pending[next] as T, base + next));
      next++;
    }
    return out;
  };
  const fail = async (error: unknown): Promise<never> => {
    await reader.close();
    throw error;
  };
  return {
    readBatch(max) {
      try {
        const out = fill([], max);
        return Array.isArray(out) ? out : out.catch(fail);
      } catch (error) {
        return fail(error);
      }
    },
    close: () => reader.close(),
  };
}

// --- internal ---

function bytesSource(what: string): RowportError {
  return new RowportError(
    RowportErrorCode.InvalidSource,
    `Invalid rows: got ${what}, which holds bytes, not rows; parse it first (fromCsv for CSV, JSON.parse for JSON)`,
  );
}

function hasBatches<T>(value: unknown): value is { [BATCHES](): BatchSource<T> } {
  return typeof (value as { [BATCHES]?: unknown })[BATCHES] === 'function';
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return typeof (value as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}
