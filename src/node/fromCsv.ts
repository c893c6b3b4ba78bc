import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { ownProperties } from '../base/optionKeys.js';
import { type FromCsvOptions, checkOptions, csvRecords, fromCsvDefaults } from '../csv/fromCsv.js';
import { ICONV } from '../csv/iconv.js';
import { RowportError, RowportErrorCode, describe, isThenable } from '../errors.js';

/**
 * Reads CSV into row objects, streaming: a file path, a Buffer or a byte `Readable`.
 * One linear pass (a long field costs what its bytes cost); decodes any iconv-lite encoding and
 * drops a BOM.
 * @param input - A file path, a Buffer, or a Readable of bytes.
 * @param options - `delimiter`, `quote`, `encoding`, `headers`, `skipEmpty`, `maxFieldBytes`, `invalid`, `onHeaders`, `onWarning`.
 * @returns An async iterable of `{ header: value }` objects (a header such as `__proto__` is an
 *   ordinary own key). Breaking out of it closes the input.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` at once; while iterating, `ROWPORT_INVALID_CSV`
 *   with `row` set to the 1-based line where the bad record starts (for invalid bytes, the line they
 *   are on), `ROWPORT_INVALID_SOURCE` for a missing file, `ROWPORT_SOURCE_FAILED` when reading fails,
 *   `ROWPORT_CALLBACK_FAILED` when `onHeaders` throws.
 * @example
 * for await (const row of fromCsv('people.csv')) console.log(row);
 * //=> { id: '1', name: 'Ada' }
 */
export function fromCsv(input: string | Buffer | Readable, options: FromCsvOptions = {}): AsyncIterable<Record<string, string>> {
  const checked = fromCsvDefaults(options);
  if (!(typeof input === 'string' || Buffer.isBuffer(input) || input instanceof Readable)) {
    const hint = isThenable(input) ? '; did you forget an await? Pass the path, Buffer or stream itself' : '';
    if ((input as unknown) instanceof Promise) (input as unknown as Promise<unknown>).catch(() => undefined); // refused: its rejection must not crash the process
    throw new RowportError(RowportErrorCode.InvalidSource, `Invalid CSV input: expected a file path, a Buffer or a Readable, got ${describe(input)}${hint}`);
  }
  checkOptions(checked, true);
  const path = typeof input === 'string' ? input : undefined;
  return (async function* rows() {
    const bytes =
      typeof input === 'string' ? createReadStream(input) : Buffer.isBuffer(input) ? Readable.from([input], ownProperties({ objectMode: true })) : input;
    try {
      yield* csvRecords(streamBytes(bytes), checked, ICONV, path);
    } finally {
      bytes.destroy();
    }
  })();
}

// --- internal ---

/**
 * The chunks of `stream`, with the strings of a stream given an encoding (`setEncoding('latin1')`,
 * `createReadStream(path, 'utf16le')`) turned back into the bytes they were decoded from, so that
 * `encoding` decodes those bytes and not the strings' UTF-8. Other chunks pass as they are.
 */
function streamBytes(stream: Readable): AsyncIterable<unknown> | Readable {
  if (stream.readableObjectMode) return stream;
  return (async function* bytes() {
    for await (const chunk of stream as AsyncIterable<unknown>) {
      const encoding = stream.readableEncoding;
      yield typeof chunk === 'string' && encoding !== null ? Buffer.from(chunk, encoding) : chunk;
    }
  })();
}
