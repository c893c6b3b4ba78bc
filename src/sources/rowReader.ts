import { RowportError, RowportErrorCode, describe, isThenable } from '../errors.js';
import type { Readable } from 'node:stream';
import type { Rows } from '../types.js';
import { type StreamState, claimOnce, hasOtherPuller, isBeingRead } from './oneReader.js';

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
  /** A Node stream source, watched for a second reader that would take some of its rows. */
  private readonly stream: StreamState | undefined;
  private closed = false;
  /** The last row of the last batch, which the next batch's first row must not be (see `reused`). */
  private last: unknown;
  /** True when another reader took the Node stream: it is not ours to destroy. */
  private shared = false;

  /**
   * @param where - How messages name the rows: `sheets[1].rows ("Scores")` in a workbook.
   * @throws {RowportError} `ROWPORT_SOURCE_FAILED` when the source's iterator getter throws, `ROWPORT_INVALID_SOURCE` when it returns no iterator.
   */
  constructor(
    rows: Rows<T>,
    private readonly maxRows = Infinity,
    where = 'rows',
  ) {
    if (Array.isArray(rows)) {
      this.array = rows;
      return;
    }
    if (hasBatches<T>(rows)) this.batches = rows[BATCHES]();
    else if (isWebStream(rows)) this.asyncIterator = streamRows<T>(rows as ReadableStream<T>, where);
    else if (isAsyncIterable<T>(rows)) this.asyncIterator = openIterator<AsyncIterator<T>>(rows, Symbol.asyncIterator, where);
    else this.syncIterator = openIterator<Iterator<T>>(rows as Iterable<T>, Symbol.iterator, where);
    if (isNodeStream(rows)) this.stream = rows as unknown as StreamState;
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
        let row: T;
        try {
          const result = iteratorResult(iterator.next());
          if (result.done) {
            this.finished = true;
            break;
          }
          row = result.value;
        } catch (error) {
          throw this.failed(error, this.index + batch.length);
        }
        if (row === (batch.length === 0 ? this.last : batch[batch.length - 1]) && typeof row === 'object' && row !== null)
          throw this.reused(this.index + batch.length);
        batch.push(row);
      }
    }
    this.count(batch.length, batch);
    return batch;
  }

  /**
   * Stops reading: calls the source's `return()` once, unless it already ended. Never throws;
   * an error from `return()` is ignored, because the export is already over. A Node stream is
   * destroyed first, unless another reader took it: its async iterator's `return()` waits for a read
   * in flight (a cursor with no next row yet), and closes nothing before the first read (an export
   * aborted before it started, a workbook's later sheet), which would leave the cursor open.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.finished) return;
    this.finished = true;
    try {
      if (this.stream && !this.shared) (this.stream as unknown as Readable).destroy();
      if (this.batches) await this.batches.close();
      else if (this.asyncIterator?.return) await this.asyncIterator.return();
      else if (this.syncIterator?.return) this.syncIterator.return();
    } catch {
      // The consumer is gone; a failing return() has no one to report to.
    }
  }

  // --- internal ---

  private async readAsync(iterator: AsyncIterator<T>, max: number): Promise<T[]> {
    // Checked a batch at a time: before our first read anything reading the stream took rows; later, a second puller takes some.
    if (this.stream && (this.index === 0 ? isBeingRead(this.stream) : hasOtherPuller(this.stream))) {
      this.shared = true;
      void this.close();
      throw sourceTaken(
        `Row ${this.index}: another reader started reading the stream of rows too, so some rows would be missing; give a stream to one reader only`,
        this.index,
      );
    }
    const batch: T[] = [];
    while (batch.length < max) {
      let row: T;
      try {
        const result = iteratorResult(await iterator.next());
        if (result.done || this.closed) {
          this.finished = true;
          break;
        }
        row = result.value;
      } catch (error) {
        throw this.failed(error, this.index + batch.length);
      }
      if (row === (batch.length === 0 ? this.last : batch[batch.length - 1]) && typeof row === 'object' && row !== null)
        throw this.reused(this.index + batch.length);
      batch.push(row);
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
    if (n > 0 && batch !== undefined) this.last = batch[n - 1];
    // Bytes, not rows: a byte ReadableStream (`fetch().body`) shows what it holds only at its first chunk.
    if (this.index === 0 && batch !== undefined && ArrayBuffer.isView(batch[0])) {
      this.failed(undefined, 0);
      void this.close();
      throw bytesSource('a source whose first row is bytes');
    }
    this.index += n;
    if (this.index > this.maxRows) {
      void this.close();
      throw new RowportError(RowportErrorCode.MaxRows, `Row ${this.maxRows}: the source has more than maxRows (${this.maxRows}) rows`, { row: this.maxRows });
    }
  }

  /**
   * The source gave the object of row `row - 1` again as row `row`: rows are read ahead before they
   * are written, so an object changed and given again would write its last values for each of them.
   * Closes the source.
   */
  private reused(row: number): RowportError {
    void this.close();
    return new RowportError(
      RowportErrorCode.InvalidSource,
      `Row ${row}: the source gave the same object as row ${row - 1} again; rows are read ahead before they are written, so one object changed and given again would write its last values for every row: give a new object for each row (yield { ...row })`,
      { row },
    );
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
 * Checks that `rows` can be read, before any work starts: an iterable whose iterator getter is a
 * function, not bytes, and not a stream something else reads or has read. `where` names the rows
 * in messages (`sheets[1].rows ("Scores")`).
 * @throws {RowportError} `ROWPORT_INVALID_SOURCE`.
 */
export function assertRows(rows: unknown, where = 'rows'): asserts rows is Rows<unknown> {
  const ok =
    rows !== null &&
    typeof rows === 'object' &&
    (typeof (rows as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function' ||
      typeof (rows as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function' ||
      isWebStream(rows));
  if (!ok) {
    const hint = mistakeHint(rows, where);
    throw invalidSource(
      where,
      `expected an array, an iterable, an async iterable, an object-mode Readable or a ReadableStream, got ${describe(rows)}${hint === undefined ? '' : `; ${hint}`}`,
    );
  }
  if (ArrayBuffer.isView(rows)) throw bytesSource(describe(rows), where);
  if (isNodeStream(rows)) {
    const stream = rows as unknown as Readable;
    if (!stream.readableObjectMode) throw bytesSource('a byte Readable (not in object mode)', where);
    if (stream.readableEnded || stream.destroyed || isBeingRead(stream)) {
      throw invalidSource(
        where,
        'the Readable is being read by something else (a pipe, a for await, a data or readable listener), or was already read, ended or destroyed; pass a fresh stream to one reader only (its rows would be missing)',
      );
    }
  } else if ((rows as Partial<ReadableStream>).locked === true && typeof (rows as Partial<ReadableStream>).getReader === 'function') {
    throw invalidSource(where, 'the ReadableStream is locked: a reader or a pipe holds it already; pass an unlocked stream (or its tee())');
  }
}

/**
 * Takes `rows` for one rowport call when it can be read only once (an iterator such as a generator,
 * a Node stream, a ReadableStream); call it after every other argument check passed.
 * Arrays and other iterables that give a new iterator each time are never taken. A Node stream
 * taken gets an `'error'` listener at once: an error it emits before it is read (a workbook's later
 * sheet, a consumer that has not read yet) is kept by the stream for the read to fail with, and is
 * never an uncaught exception.
 * @throws {RowportError} `ROWPORT_INVALID_SOURCE` when another call took `rows` already.
 */
export function claimRows(rows: Rows<unknown>, where = 'rows'): void {
  const stream = isNodeStream(rows);
  const oneShot =
    typeof (rows as Partial<Iterator<unknown>>).next === 'function' || stream || typeof (rows as Partial<ReadableStream>).getReader === 'function';
  if (oneShot && !claimOnce(rows)) {
    throw invalidSource(
      where,
      'it was already given to another rowport call; a generator, an iterator or a stream can be read once, so make a new one for each export (a function that returns it)',
    );
  }
  if (stream && typeof (rows as unknown as Partial<Readable>).on === 'function') (rows as unknown as Readable).on('error', keptForTheRead);
}

/** The `'error'` listener of a stream of rows: the stream keeps its error (`errored`), which its reader then throws. */
function keptForTheRead(): void {}

/** Runs once after a mapped source's last row, with the number of rows read. */
export type RowsEnd = (rows: number) => void | Promise<void>;

/**
 * A {@link BatchSource} over `rows`, each row passed through `map(row, index)`: what a composable
 * piece returns under {@link BATCHES}. It reads `rows` exactly as the piece's generator does
 * (`readAhead` rows at a time, each when the previous ones are used up), so a failing source or a
 * throwing `map` is met at the same row, and either closes `rows` before the error is thrown.
 */
export function mappedBatches<T, U>(rows: Rows<T>, map: (row: T, index: number) => U, readAhead: number, end?: RowsEnd): BatchSource<U> {
  const reader = new RowReader(rows);
  let ended = false;
  // The last (empty) batch was read: `end` runs once, and `out` is given when it is done.
  const finish = (out: U[]): U[] | Promise<U[]> => {
    if (ended || end === undefined) return out;
    ended = true;
    const done = end(reader.index);
    return isThenable(done) ? Promise.resolve(done).then(() => out) : out;
  };
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
            return read.length === 0 ? finish(out) : fill(out, max);
          });
        }
        took(batch);
        if (batch.length === 0) return finish(out);
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

function bytesSource(what: string, where = 'rows'): RowportError {
  return invalidSource(where, `got ${what}, which holds bytes, not rows; parse it first (fromCsv for CSV, JSON.parse for JSON)`);
}

/**
 * The likely mistake behind a value that is no rows: a Promise (a forgotten `await`), or a query
 * result object (pg's `{ rows, rowCount }`, a `{ rowCount }` of a statement without rows).
 */
function mistakeHint(rows: unknown, where: string): string | undefined {
  if (isThenable(rows)) {
    if (rows instanceof Promise) rows.catch(() => undefined); // refused: its rejection must not crash the process
    return `did you forget an await? Pass the rows the promise resolves to (${where}: await query(...)), or an async iterable`;
  }
  if (rows === null || typeof rows !== 'object') return undefined;
  const result = rows as { rows?: unknown; rowCount?: unknown };
  if (Array.isArray(result.rows)) return 'did you mean result.rows? A query result object holds its rows in .rows';
  if ('rowCount' in result || 'affectedRows' in result) {
    return 'this looks like a query result without rows (an INSERT or UPDATE); pass result.rows of a SELECT, or a cursor';
  }
  return undefined;
}

function invalidSource(where: string, problem: string): RowportError {
  return new RowportError(RowportErrorCode.InvalidSource, `Invalid ${where}: ${problem}`);
}

function sourceTaken(message: string, row: number): RowportError {
  return new RowportError(RowportErrorCode.InvalidSource, message, { row });
}

/** A Node `Readable` (or a stream like it): `pipe` and a boolean `readableObjectMode`. */
function isNodeStream(value: unknown): boolean {
  const stream = value as Partial<Readable>;
  return typeof stream.pipe === 'function' && typeof stream.readableObjectMode === 'boolean';
}

/**
 * Calls the source's iterator getter, which may run code of its own (open a cursor, lock a stream).
 * @throws {RowportError} `ROWPORT_SOURCE_FAILED` with what it threw as `cause`, or `ROWPORT_INVALID_SOURCE` when it gave no iterator.
 */
function openIterator<I extends object>(rows: object, key: typeof Symbol.iterator | typeof Symbol.asyncIterator, where: string): I {
  let iterator: unknown;
  try {
    iterator = (rows as Record<symbol, () => unknown>)[key]?.();
  } catch (error) {
    throw openFailed(error, where);
  }
  if (iterator === null || typeof iterator !== 'object' || typeof (iterator as Partial<Iterator<unknown>>).next !== 'function') {
    throw invalidSource(
      where,
      `its ${key === Symbol.asyncIterator ? '[Symbol.asyncIterator]' : '[Symbol.iterator]'}() returned ${describe(iterator)}, not an iterator with next()`,
    );
  }
  return iterator as I;
}

/**
 * What an iterator's `next()` gave, when it is an iterator result (an object): anything else is
 * the TypeError `for…of` throws, so that the source fails at its row instead of the export.
 * @throws {TypeError} For `undefined` (a `next()` without `return { done: true }`), a number, …
 */
function iteratorResult<T>(result: IteratorResult<T>): IteratorResult<T> {
  if (result === null || (typeof result !== 'object' && typeof result !== 'function')) {
    throw new TypeError(`its next() returned ${describe(result)}, not an iterator result { value, done }`);
  }
  return result;
}

/** A WHATWG `ReadableStream` (not a Node stream): `getReader`, without Node's `pipe`. */
function isWebStream(value: unknown): boolean {
  return typeof (value as Partial<ReadableStream>).getReader === 'function' && !isNodeStream(value);
}

/** The source failed as it was opened (its iterator getter, `getReader()`): `ROWPORT_SOURCE_FAILED`, a RowportError as it is. */
function openFailed(error: unknown, where: string): RowportError {
  if (error instanceof RowportError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new RowportError(RowportErrorCode.SourceFailed, `The source${where === 'rows' ? '' : ` of ${where}`} failed when it was opened: ${reason}`, {
    cause: error,
  });
}

/**
 * The rows of a `ReadableStream` through its reader, not its async iterator: that one's `return()`
 * waits for a read in flight, so a stream whose `pull()` is waiting (a cursor with no next row yet)
 * would never be cancelled; `reader.cancel()` settles that read and cancels the stream at once. It
 * also reads where `ReadableStream` has no async iterator (Safari).
 * @throws {RowportError} `ROWPORT_SOURCE_FAILED` when `getReader()` throws.
 */
function streamRows<T>(stream: ReadableStream<T>, where: string): AsyncIterator<T> {
  let reader: ReadableStreamDefaultReader<T>;
  try {
    reader = stream.getReader();
  } catch (error) {
    throw openFailed(error, where);
  }
  return {
    next: () => reader.read() as Promise<IteratorResult<T>>,
    async return() {
      await reader.cancel();
      return { done: true, value: undefined };
    },
  };
}

function hasBatches<T>(value: unknown): value is { [BATCHES](): BatchSource<T> } {
  return typeof (value as { [BATCHES]?: unknown })[BATCHES] === 'function';
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return typeof (value as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}
