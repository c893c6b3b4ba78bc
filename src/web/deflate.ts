import { crc32 } from '../platform/crc32.js';
import type { ZipCodec } from '../platform/zip.js';

/** The web's zip codec: deflate through `CompressionStream('deflate-raw')` (at the runtime's level), CRC-32 in JavaScript. */
export const WEB_ZIP_CODEC: ZipCodec = { deflate: (input) => compressChunks(input, 'deflate-raw'), crc32 };

/**
 * `input` through `CompressionStream(format)`, pulled: the input is fed as the output is read, one
 * write at a time, so a slow reader slows the writer (`pipeThrough` would fill the stream's writable
 * queue first: on Node that holds 16,384 chunks). Cancelled (the input's end, an error) the stream is torn down.
 */
export async function* compressChunks(
  input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  format: 'deflate-raw' | 'gzip',
): AsyncGenerator<Uint8Array, void, undefined> {
  const stream = new CompressionStream(format);
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let failure: { error: unknown } | undefined;
  const feeding = (async () => {
    for await (const piece of input) await writer.write(piece as Uint8Array<ArrayBuffer>);
    await writer.close();
  })().catch((error: unknown) => {
    failure = { error };
    reader.cancel(error).catch(() => undefined);
  });
  try {
    for (;;) {
      const { value, done } = await reader.read().catch((error: unknown) => {
        // workerd rejects the read in flight with a plain copy of the cancel's reason: the input's own error wins.
        throw failure ? failure.error : error;
      });
      if (done) break;
      yield value;
    }
    await feeding;
    if (failure) throw failure.error;
  } finally {
    // Cancelled, not just unlocked: a write waiting on the stream's backpressure then fails, so the
    // feeding loop ends and returns the input (with only the lock released, it waited forever).
    reader.cancel().catch(() => undefined);
    writer.abort().catch(() => undefined);
  }
}
