import { RowportError, RowportErrorCode, describe } from '../errors.js';
import type { Rows } from '../types.js';

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
  private closed = false;

  constructor(rows: Rows<T>, private readonly maxRows = Infinity) {
    if (Array.isArray(rows)) this.array = rows;
    else if (isAsyncIterable<T>(rows)) this.asyncIterator = rows[Symbol.asyncIterator]();
    else this.syncIterator = (rows as Iterable<T>)[Symbol.iterator]();
  }

  /** True when the source may make the caller wait. */
  get isAsync(): boolean {
    return this.asyncIterator !== undefined;
  }

  /**
   * Up to `max` rows; an empty array means the source has ended. Async sources return a promise.
   * @throws {RowportError} `ROWPORT_SOURCE_FAILED` (cause kept) or `ROWPORT_MAX_ROWS`.
   */
  readBatch(max: number): T[] | Promise<T[]> {
    if (this.finished) return [];
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
    this.count(batch.length);
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
      if (this.asyncIterator?.return) await this.asyncIterator.return();
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
    this.count(batch.length);
    return batch;
  }

  private count(n: number): void {
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
  const ok =
    rows !== null &&
    typeof rows === 'object' &&
    (Symbol.asyncIterator in rows || Symbol.iterator in rows) &&
    !(rows instanceof Uint8Array);
  if (!ok) {
    throw new RowportError(
      RowportErrorCode.InvalidSource,
      `Invalid rows: expected an array, an iterable, an async iterable, an object-mode Readable or a ReadableStream, got ${describe(rows)}`,
    );
  }
}

// --- internal ---

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return typeof (value as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}
