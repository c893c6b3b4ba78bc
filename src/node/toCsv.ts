import { type Readable, pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { ICONV } from '../csv/iconv.js';
import type { ToCsvOptions } from '../csv/options.js';
import { csvSource } from '../csv/toCsv.js';
import type { CheckedColumns, ColumnKey, ColumnSpec, Rows } from '../types.js';
import { abortUntilClosed, sourceStream } from '../writer/chunkStream.js';
import { trackRows } from '../writer/rowCount.js';
import { NODE_TEXT } from './platform.js';

/**
 * Streams rows as CSV bytes: RFC 4180 quoting, `\r\n` line ends, UTF-8 with a BOM by default.
 * @param rows - Objects or arrays from any `Iterable` or `AsyncIterable` (arrays, generators,
 *   object-mode `Readable`s, `ReadableStream`s).
 * @param options - Columns, dialect, encoding, formula escaping, gzip, progress and cancellation. With
 *   typed rows, a literal column key that is not a key or dot path of the row (`'nmae'`) is a compile
 *   error (see {@link ColumnKey}); computed columns (`value`) take any key.
 * @returns A byte `Readable` in chunks of about 64 KiB. Destroying it calls `return()` on the source.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` or `ROWPORT_INVALID_SOURCE` straight away. Errors in
 *   rows (`ROWPORT_INVALID_VALUE`, `ROWPORT_UNMAPPABLE_CHARACTER`, `ROWPORT_SOURCE_FAILED`, …)
 *   destroy the stream; nothing is emitted after them.
 * @example
 * await pipeline(toCsv([{ id: 1, name: 'Ada' }]), createWriteStream('people.csv'));
 * //=> people.csv holds "\uFEFFid,name\r\n1,Ada\r\n"
 */
export function toCsv<T, const C extends readonly ColumnSpec<T>[] = readonly ColumnSpec<T>[]>(
  rows: Rows<T>,
  options: Omit<ToCsvOptions<T>, 'columns'> & { readonly columns?: CheckedColumns<T, C> | undefined } = {},
): Readable {
  const { source, options: resolved } = csvSource(rows, options as ToCsvOptions<T>, NODE_TEXT, ICONV);
  const output = sourceStream(source);
  const result = resolved.gzip === undefined ? output : pipeline(output, createGzip(resolved.gzip), () => undefined);
  if (result !== output) abortUntilClosed(result, resolved.signal); // the gzip holds the last bytes after the writer's stream ended
  return trackRows(result, source.rows);
}
