import { invalidOption } from '../errors.js';
import type { ToCsvOptions } from '../csv/options.js';
import { csvSource } from '../csv/toCsv.js';
import type { Rows } from '../types.js';
import { byteStream } from './byteStream.js';
import { compressChunks } from './deflate.js';
import { WEB } from './platform.js';

/** Options of `toCsv` in `rowport/web`: Node's, with `gzip` a boolean (`CompressionStream` takes no level). */
export interface WebToCsvOptions<T = Record<string, unknown>> extends Omit<ToCsvOptions<T>, 'gzip'> {
  /** Compress the output with gzip (`CompressionStream('gzip')`). @default false */
  readonly gzip?: boolean | undefined;
}

/**
 * Streams rows as CSV bytes, as a WHATWG `ReadableStream`: the same text as the Node entry's
 * `toCsv` for the same rows and options (RFC 4180, `\r\n`, UTF-8 with a BOM by default). Written in
 * UTF-8, UTF-16LE or UTF-16BE; other encodings need Node (iconv-lite) and are refused at the call.
 * @param rows - Objects or arrays from any `Iterable`, `AsyncIterable` or `ReadableStream`.
 * @param options - Columns, dialect, encoding, formula escaping, `gzip: true`, progress and cancellation.
 * @returns A pulled byte stream (chunks of about 64 KiB, made when read); `cancel()` calls
 *   `return()` on the source once.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` or `ROWPORT_INVALID_SOURCE` straight away. Errors
 *   in rows error the stream with a `RowportError`; nothing is enqueued after them.
 * @example
 * export default { fetch: () => new Response(toCsv([{ id: 1, name: 'Ada' }]), { headers: { 'content-type': 'text/csv' } }) };
 * //=> a body of "\uFEFFid,name\r\n1,Ada\r\n"
 */
export function toCsv<T>(rows: Rows<T>, options: WebToCsvOptions<T> = {}): ReadableStream<Uint8Array> {
  const gzip: unknown = Object.hasOwn(options, 'gzip') ? options.gzip : undefined;
  if (gzip !== undefined && typeof gzip !== 'boolean') {
    throw invalidOption('gzip', 'true or false in rowport/web', gzip, "zlib options are Node's: CompressionStream('gzip') takes no level");
  }
  const { source } = csvSource(rows, options, WEB);
  // Pulled through the gzip as the plain bytes are: a chunk is made only when the reader wants one.
  return byteStream(gzip === true ? { ...source, chunks: compressChunks(source.chunks, 'gzip') } : source);
}
