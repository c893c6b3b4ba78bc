import { type Readable, pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { type ResolvedColumn, bindColumns } from '../columns/resolveColumns.js';
import { RowportError, RowportErrorCode, at, describe } from '../errors.js';
import { CHUNK_CHARS } from '../internal/chunks.js';
import { asRowportError, chunkStream } from '../internal/chunkStream.js';
import { Progress } from '../progress/progress.js';
import { trackRows } from '../internal/rowCount.js';
import { RowReader, assertRows } from '../sources/rowReader.js';
import type { Rows } from '../types.js';
import { type CellText, compileCellText } from './cellText.js';
import { type ResolvedCsvOptions, type ToCsvOptions, resolveCsvOptions } from './options.js';

/**
 * Streams rows as CSV bytes: RFC 4180 quoting, `\r\n` line ends, UTF-8 with a BOM by default.
 * @param rows - Objects or arrays from any `Iterable` or `AsyncIterable` (arrays, generators,
 *   object-mode `Readable`s, `ReadableStream`s).
 * @param options - Columns, dialect, encoding, formula escaping, gzip, progress and cancellation.
 * @returns A byte `Readable` in chunks of about 64 KiB. Destroying it calls `return()` on the source.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` or `ROWPORT_INVALID_SOURCE` straight away. Errors in
 *   rows (`ROWPORT_INVALID_VALUE`, `ROWPORT_UNMAPPABLE_CHARACTER`, `ROWPORT_SOURCE_FAILED`, …)
 *   destroy the stream; nothing is emitted after them.
 * @example
 * await pipeline(toCsv([{ id: 1, name: 'Ada' }]), createWriteStream('people.csv'));
 * //=> people.csv holds "\uFEFFid,name\r\n1,Ada\r\n"
 */
export function toCsv<T>(rows: Rows<T>, options: ToCsvOptions<T> = {}): Readable {
  assertRows(rows);
  const resolved = resolveCsvOptions(options);
  const reader = new RowReader(rows, resolved.maxRows);
  const progress = new Progress(resolved.onProgress, resolved.progressInterval, resolved.total);
  const output = chunkStream(csvChunks(reader, resolved, progress), { signal: resolved.signal, onDestroy: () => reader.close() });
  const result = resolved.gzip === undefined ? output : pipeline(output, createGzip(resolved.gzip), () => undefined);
  return trackRows(result, () => progress.rows);
}

// --- internal ---

const BATCH = 512;

async function* csvChunks<T>(
  reader: RowReader<T>,
  options: ResolvedCsvOptions<T>,
  progress: Progress,
): AsyncGenerator<Buffer, void, undefined> {
  const { quoteField, delimiter, lineEnding, encoder, unmappable } = options;
  const check = unmappable === 'error';
  let columns: ResolvedColumn[] | undefined;
  let texts: CellText[] = [];
  let text = '';
  let pendingBom = options.bom;
  // Where each row starts in `text`, to name the row of an unmappable character.
  const starts: number[] = [];
  let firstIndex = 0; // row index of starts[0]; -1 is the header

  const flush = (): Buffer => {
    const bytes = encoder.encode(text);
    if (check && !encoder.lossless(text, bytes)) throw unmappableError(text, encoder.firstUnmappable(text), starts, firstIndex, columns ?? [], options);
    text = '';
    starts.length = 0;
    const chunk = pendingBom ? Buffer.concat([encoder.bom, bytes]) : bytes;
    pendingBom = false;
    progress.addBytes(chunk.length);
    return chunk;
  };

  try {
    for (;;) {
      let batch = reader.readBatch(BATCH);
      if (!Array.isArray(batch)) batch = await batch;
      if (columns === undefined) {
        columns = bindColumns(options.columns, batch[0]);
        texts = columns.map((column) => compileCellText(column, options));
        const arrayRows = options.columns === undefined && Array.isArray(batch[0]);
        if (options.header && columns.length > 0 && !arrayRows) {
          firstIndex = -1;
          starts.push(0);
          text = headerLine(columns, options) + lineEnding;
        }
      }
      if (batch.length === 0) break;
      const base = reader.index - batch.length;
      if (starts.length === 0) firstIndex = base;
      const width = columns.length;
      for (let i = 0; i < batch.length; i++) {
        const row = batch[i];
        const index = base + i;
        if (row === null || typeof row !== 'object') {
          throw new RowportError(RowportErrorCode.InvalidValue, `${at(index, undefined)}expected an object or an array, got ${describe(row)}`, {
            row: index,
          });
        }
        if (check) starts.push(text.length);
        let line = '';
        for (let c = 0; c < width; c++) {
          const column = columns[c] as ResolvedColumn;
          const field = quoteField((texts[c] as CellText)(column.read(row, index), index));
          line = c === 0 ? field : line + delimiter + field;
        }
        if (index === 0 && firstIndex === 0 && !options.bom && line.startsWith('ID')) line = sylkSafe(line, options);
        text += line + lineEnding;
        progress.row();
        if (text.length >= CHUNK_CHARS) {
          yield flush();
          firstIndex = index + 1;
        }
      }
    }
    if (text.length > 0 || pendingBom) yield flush();
    progress.final();
  } catch (error) {
    throw asRowportError(error);
  } finally {
    await reader.close();
  }
}

function headerLine<T>(columns: readonly ResolvedColumn[], options: ResolvedCsvOptions<T>): string {
  const line = columns
    .map((column) => options.quoteField(options.escapeFormulas ? escapeHeader(column.header) : column.header))
    .join(options.delimiter);
  return !options.bom && line.startsWith('ID') ? sylkSafe(line, options) : line;
}

/** Quotes a first field starting with `ID`, so that Excel does not take the file for SYLK. */
function sylkSafe<T>(line: string, options: ResolvedCsvOptions<T>): string {
  const end = line.indexOf(options.delimiter);
  const first = end === -1 ? line : line.slice(0, end);
  return `${options.quote}${first}${options.quote}${end === -1 ? '' : line.slice(end)}`;
}

function escapeHeader(header: string): string {
  return /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/.test(header) ? `'${header}` : header;
}

/** Names the row and column of the character at `position` in a chunk of CSV text we wrote. */
function unmappableError<T>(
  text: string,
  position: number,
  starts: readonly number[],
  firstIndex: number,
  columns: readonly ResolvedColumn[],
  options: ResolvedCsvOptions<T>,
): RowportError {
  let r = 0;
  while (r + 1 < starts.length && (starts[r + 1] as number) <= position) r++;
  const rowStart = starts[r] ?? 0;
  let field = 0;
  let quoted = false;
  for (let i = rowStart; i < position; i++) {
    if (text[i] === options.quote) quoted = !quoted;
    else if (!quoted && text.startsWith(options.delimiter, i)) {
      field++;
      i += options.delimiter.length - 1;
    }
  }
  const rowIndex = firstIndex === -1 ? (r === 0 ? undefined : r - 1) : firstIndex + r;
  const column = columns[field]?.key;
  const code = text.codePointAt(position) ?? 0;
  const char = code >= 0xd800 && code <= 0xdfff ? 'a lone surrogate' : `'${String.fromCodePoint(code)}'`;
  return new RowportError(
    RowportErrorCode.UnmappableCharacter,
    `${at(rowIndex, column)}${char} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) cannot be written in ${options.encoder.name}; ` +
      "use a Unicode encoding, or unmappable: 'replace' to write '?'",
    { row: rowIndex, column },
  );
}
