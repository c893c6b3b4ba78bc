import { type FromCsvOptions, checkOptions, csvRecords, fromCsvDefaults } from '../csv/fromCsv.js';
import { RowportError, RowportErrorCode, describe } from '../errors.js';

/**
 * Reads CSV into row objects from a byte `ReadableStream` (a `fetch` response body, a `File`'s
 * `stream()`) or bytes, streaming: the same parser and options as the Node entry's `fromCsv`.
 * Decodes UTF-8 and UTF-16 (a BOM wins); other encodings need Node (iconv-lite) and are refused at the call.
 * @param input - A `ReadableStream` of `Uint8Array`s, or a `Uint8Array`.
 * @param options - `delimiter`, `quote`, `encoding`, `headers`, `skipEmpty`, `maxFieldBytes`, `invalid`, `onHeaders`, `onWarning`.
 * @returns An async iterable of `{ header: value }` objects. Breaking out of it cancels the stream.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` or `ROWPORT_INVALID_SOURCE` at once; while
 *   iterating, `ROWPORT_INVALID_CSV` with the 1-based line, `ROWPORT_SOURCE_FAILED` when reading fails.
 * @example
 * for await (const row of fromCsv((await fetch(url)).body!)) console.log(row);
 * //=> { id: '1', name: 'Ada' }
 */
export function fromCsv(input: ReadableStream<Uint8Array> | Uint8Array, options: FromCsvOptions = {}): AsyncIterable<Record<string, string>> {
  const checked = fromCsvDefaults(options);
  if (!(input instanceof Uint8Array || isReadableStream(input))) {
    throw new RowportError(RowportErrorCode.InvalidSource, `Invalid CSV input: expected a ReadableStream of bytes or a Uint8Array, got ${describe(input)}`);
  }
  checkOptions(checked, false);
  if (input instanceof Uint8Array) return csvRecords([input], checked, undefined, undefined);
  return (async function* rows() {
    const reader = input.getReader();
    let done = false;
    try {
      yield* csvRecords(
        chunksOf(reader, () => (done = true)),
        checked,
        undefined,
        undefined,
      );
    } finally {
      if (done) reader.releaseLock();
      else await reader.cancel().catch(() => undefined);
    }
  })();
}

// --- internal ---

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof value === 'object' && value !== null && typeof (value as ReadableStream).getReader === 'function';
}

/** The stream's chunks, read by hand: not every runtime makes a `ReadableStream` async-iterable. */
async function* chunksOf(reader: ReadableStreamDefaultReader<Uint8Array>, ended: () => void): AsyncGenerator<Uint8Array, void, undefined> {
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      ended();
      return;
    }
    yield value;
  }
}
