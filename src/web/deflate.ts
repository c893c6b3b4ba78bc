import { crc32 } from '../platform/crc32.js';
import type { ZipCodec } from '../platform/zip.js';

/** The web's zip codec: deflate through `CompressionStream('deflate-raw')` (at the runtime's level), CRC-32 in JavaScript. */
export const WEB_ZIP_CODEC: ZipCodec = { deflate: deflateStream, crc32 };

/**
 * Raw deflate through `CompressionStream('deflate-raw')`, pulled: the input is fed as the output is
 * read, so a slow reader slows the writer. Cancelled (the input's end, an error) the stream is torn down.
 */
async function* deflateStream(input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const stream = new CompressionStream('deflate-raw');
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
      const { value, done } = await reader.read();
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
