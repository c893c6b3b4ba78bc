import { Readable } from 'node:stream';
import { abortError, asRowportError } from './exportErrors.js';
import { lazyLoads } from '../base/lazy.js';
import { ownProperties } from '../base/optionKeys.js';
import type { ByteSource } from '../platform/platform.js';

export { abortError, asRowportError } from './exportErrors.js';

/**
 * Wraps an async generator of byte chunks in a `Readable` that:
 * - pulls the generator only when the consumer wants more (backpressure);
 * - on `destroy()` (client hung up, abort) settles at once, calls `onDestroy` (which closes the
 *   source even while it is awaited) and `return()`s the generator;
 * - turns an error from the generator into a destroy with a {@link RowportError};
 * - on `signal` abort, destroys itself with `ROWPORT_ABORTED` (until its end is read), and removes its listener on close.
 */
export function chunkStream(
  chunks: AsyncGenerator<Uint8Array, void, undefined>,
  { signal, onDestroy }: { signal?: AbortSignal | undefined; onDestroy?: () => Promise<void> | void },
): Readable {
  return new ChunkReadable(chunks, signal, onDestroy);
}

/** A writer's {@link ByteSource} as a Node `Readable` (see {@link chunkStream}). */
export function sourceStream(source: ByteSource): Readable {
  const stream = new ChunkReadable(source.chunks, source.signal, source.cancel);
  if (source.watch) source.watch.onFailure = (error) => stream.destroy(error); // a callback's promise rejected
  return stream;
}

/**
 * Destroys `stream` (a stream the writer's bytes pass through, such as its gzip) with
 * `ROWPORT_ABORTED` when `signal` aborts before it closes, as an abort fails the writer's own
 * stream until its end is read; the listener is removed when the stream closes.
 */
export function abortUntilClosed(stream: Readable, signal: AbortSignal | undefined): void {
  if (signal === undefined || signal.aborted) return; // aborted already: the writer's stream fails, and the pipe with it
  const onAbort = (): void => void stream.destroy(abortError(signal));
  signal.addEventListener('abort', onAbort, { once: true });
  stream.once('close', () => signal.removeEventListener('abort', onAbort));
}

// --- internal ---

class ChunkReadable extends Readable {
  private pumping = false;
  private wanted = false;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly chunks: AsyncGenerator<Uint8Array, void, undefined>,
    private readonly signal: AbortSignal | undefined,
    private readonly onDestroy: (() => Promise<void> | void) | undefined,
  ) {
    super(ownProperties({ highWaterMark: 64 * 1024 })); // Node reads `signal`, `encoding`… through the prototype chain
    if (signal) {
      if (signal.aborted) {
        this.onAbort = undefined;
        this.destroy(abortError(signal)); // emitted on the next tick; the source is never read
      } else {
        this.onAbort = () => this.destroy(abortError(signal));
        signal.addEventListener('abort', this.onAbort, { once: true });
      }
    }
  }

  override _read(): void {
    this.wanted = true;
    if (!this.pumping) void this.pump();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.signal && this.onAbort) this.signal.removeEventListener('abort', this.onAbort);
    const settle = (): void => {
      this.chunks.return(undefined).catch(() => undefined);
    };
    try {
      const closing = this.onDestroy?.();
      if (closing) closing.then(settle, settle);
      else settle();
    } catch {
      settle();
    }
    // The consumer's own error (`destroy(new Error('client went away'))`) is kept as it is: it is
    // theirs, not a failure of the export. Errors of the export are RowportErrors already.
    callback(error);
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      const loading = lazyLoads(); // a dependency the options need (iconv-lite, date-fns) is still being imported
      if (loading) await loading;
      if (this.destroyed) return;
      while (this.wanted) {
        this.wanted = false;
        const { value, done } = await this.chunks.next();
        if (this.destroyed) return;
        if (done) {
          // The signal stays heard until the consumer has read the end (then `_destroy` lets it go):
          // an abort while the last chunks wait unread still fails the stream.
          this.push(null);
          return;
        }
        if (this.push(value) && !this.destroyed) this.wanted = true; // a `data` listener may destroy the stream in push()
      }
    } catch (error) {
      if (!this.destroyed) this.destroy(asRowportError(error));
    } finally {
      this.pumping = false;
    }
  }
}
