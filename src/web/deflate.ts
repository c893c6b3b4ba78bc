import { crc32 } from '../platform/crc32.js';
import type { ZipCodec } from '../platform/zip.js';

/** The web's zip codec: deflate through `CompressionStream('deflate-raw')` (at the runtime's level), CRC-32 in JavaScript. */
export const WEB_ZIP_CODEC: ZipCodec = { deflate: (input) => compressChunks(input, 'deflate-raw'), crc32 };

/**
 * Input bytes written to the compressor past the last read's start, once that read is answered:
 * enough to keep the runtime's deflate busy, and a bound where its writable side never pushes back
 * (workerd's takes every write at once).
 */
const READ_AHEAD = 256 * 1024;

/**
 * `input` through `CompressionStream(format)`, pulled: the input is fed as the output is read, one
 * write at a time, so a slow reader slows the writer (`pipeThrough` would fill the stream's writable
 * queue first: on Node that holds 16,384 chunks). The feeding waits for the stream's backpressure and,
 * since not every runtime has any, also for the next read once {@link READ_AHEAD} bytes went in
 * since the last one began. Cancelled (the input's end, an error) the stream is torn down.
 */
export async function* compressChunks(
  input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  format: 'deflate-raw' | 'gzip',
): AsyncGenerator<Uint8Array, void, undefined> {
  const stream = new CompressionStream(format);
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const gate = new FeedGate();
  let failure: { error: unknown } | undefined;
  const feeding = (async () => {
    for await (const piece of input) {
      await writer.write(piece as Uint8Array<ArrayBuffer>);
      if (!(await gate.wrote(piece.length))) return; // stopped: the input is returned
    }
    await writer.close();
  })().catch((error: unknown) => {
    failure = { error };
    reader.cancel(error).catch(() => undefined);
  });
  try {
    for (;;) {
      gate.reading(true);
      const { value, done } = await reader.read().catch((error: unknown) => {
        // workerd rejects the read in flight with a plain copy of the cancel's reason: the input's own error wins.
        throw failure ? failure.error : error;
      });
      gate.reading(false);
      if (done) break;
      yield value;
    }
    await feeding;
    if (failure) throw failure.error;
  } finally {
    gate.stop();
    // Cancelled, not just unlocked: a write waiting on the stream's backpressure then fails, so the
    // feeding loop ends and returns the input (with only the lock released, it waited forever).
    reader.cancel().catch(() => undefined);
    writer.abort().catch(() => undefined);
  }
}

// --- internal ---

/** When the feeding of a compressor may write on: while a read waits for output, or until {@link READ_AHEAD} bytes past the last read's start. */
class FeedGate {
  private ahead = 0;
  private waiting = false;
  private stopped = false;
  private wake: (() => void) | undefined;

  /** A read of the output begins (`true`: it waits for output, the feeding goes on) or was answered. */
  reading(waiting: boolean): void {
    this.waiting = waiting;
    if (waiting) this.ahead = 0;
    this.release();
  }

  /** Counts `bytes` written; resolves once the feeding may write more: false when it is to stop. */
  async wrote(bytes: number): Promise<boolean> {
    this.ahead += bytes;
    while (!this.stopped && !this.waiting && this.ahead >= READ_AHEAD) await new Promise<void>((resolve) => (this.wake = resolve));
    return !this.stopped;
  }

  /** The output is no longer read: the feeding ends. */
  stop(): void {
    this.stopped = true;
    this.release();
  }

  private release(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
