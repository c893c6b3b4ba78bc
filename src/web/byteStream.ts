import { lazyLoads } from '../base/lazy.js';
import type { ByteSource } from '../platform/platform.js';
import { abortError, asRowportError } from '../writer/exportErrors.js';

/**
 * A writer's bytes as a WHATWG `ReadableStream`, pulled: a chunk is made only when the consumer
 * reads (high-water mark 0), so a slow consumer slows the source. `cancel()` (a client that went
 * away, `response.body.cancel()`) closes the sources at once, even while a read is awaited (their
 * iterators' `return()`, once each), then ends the generator. An error of the export errors the
 * stream with a {@link RowportError}; an abort of `signal` errors it with `ROWPORT_ABORTED` and
 * closes the sources; so does a promise that a callback (`onProgress`, `onWarning`) returned and that
 * rejected, with `ROWPORT_CALLBACK_FAILED`. Nothing is enqueued after any of them.
 */
export function byteStream(source: ByteSource): ReadableStream<Uint8Array> {
  const { chunks, signal } = source;
  let finished = false;
  let onAbort: (() => void) | undefined;
  const stop = (): void => {
    finished = true;
    if (signal && onAbort) signal.removeEventListener('abort', onAbort);
    const settle = (): void => void chunks.return(undefined).catch(() => undefined);
    try {
      const closing = source.cancel();
      if (closing) closing.then(settle, settle);
      else settle();
    } catch {
      settle();
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // A callback's promise rejected: the export stops now, as on Node, not after its last row.
        if (source.watch) {
          source.watch.onFailure = (error) => {
            if (finished) return;
            stop();
            controller.error(error);
          };
        }
        if (!signal) return;
        if (signal.aborted) {
          stop();
          controller.error(abortError(signal)); // the source is never read
          return;
        }
        onAbort = () => {
          if (finished) return;
          stop();
          controller.error(abortError(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
      },
      async pull(controller) {
        if (finished) return;
        try {
          const loading = lazyLoads(); // a dependency the options need (date-fns) is still being imported
          if (loading) await loading;
          if (finished) return;
          const { value, done } = await chunks.next();
          if (finished) return;
          if (done) {
            finished = true;
            if (signal && onAbort) signal.removeEventListener('abort', onAbort);
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          if (finished) return;
          finished = true;
          if (signal && onAbort) signal.removeEventListener('abort', onAbort);
          controller.error(asRowportError(error));
        }
      },
      cancel() {
        if (!finished) stop();
      },
    },
    { highWaterMark: 0 },
  );
}
