import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { CsvDecoder } from '../csv/decodeCsv.js';
import { fromCsv } from '../node/fromCsv.js';
import type { Column } from '../types.js';
import { type RowportWarning, RowportWarningCode } from '../warnings.js';
import type { InputFormat } from './args.js';
import { type NumberAsText, RowLines, jsonArrayRows, ndjsonRows } from './jsonInput.js';
import { UsageError } from './usageError.js';

/** One input row, as the writers take it. */
export type Row = Record<string, unknown>;

/** An opened input: its rows, and what the progress bar needs to know about it. */
export interface Input {
  /** Objects (JSON, NDJSON, CSV) or arrays (JSON). */
  readonly rows: AsyncIterable<Row>;
  readonly format: InputFormat;
  /** 'stdin' or the file path. */
  readonly name: string;
  /** Size of a regular input file in bytes (percent and ETA); undefined for stdin and pipes. */
  readonly size: number | undefined;
  /** A CSV input's columns, from its header, in the header's order (which the keys of a row object
   *  do not keep: `2023` comes before `country`), also when no row follows; undefined for JSON and
   *  NDJSON (the writer takes the columns from the first row). */
  readonly columns: readonly Column[] | undefined;
  /** Raw bytes read from the input so far. */
  bytesRead(): number;
  /** The input line a recent row (0-based index) started on, for JSON and NDJSON. */
  lineOf(row: number): number | undefined;
  /** Stops reading and releases the file or stdin. */
  close(): void;
}

/** How to read the input. */
export interface InputOptions {
  /** File path; undefined or '-' reads `stdin`. */
  readonly path: string | undefined;
  readonly stdin: Readable;
  readonly from: InputFormat | undefined;
  readonly delimiter: string | undefined;
  readonly encoding: string | undefined;
  /** Stops waiting for the first bytes (a slow query upstream) when aborted. */
  readonly signal?: AbortSignal | undefined;
  /** Receives `ROWPORT_INVALID_BYTES` when invalid bytes of the input are read as U+FFFD. */
  readonly onWarning?: ((warning: RowportWarning) => void) | undefined;
  /** JSON and NDJSON: told of each number a double cannot hold that a row keeps as its text. */
  readonly onNumberAsText?: NumberAsText | undefined;
}

/**
 * Opens the input and works out its format: `--from`, else the extension (`.json`, `.ndjson`,
 * `.jsonl`, `.csv`, `.tsv`, each optionally `.gz`), else the first byte (`[` JSON array, `{`
 * NDJSON, anything else CSV). Gzip input is recognised by its magic bytes and inflated; an XLSX
 * (zip) or XLS (OLE2) workbook is recognised by its magic bytes and refused.
 * @throws {UsageError} when the file cannot be opened, is a workbook, or an option is bad.
 */
export async function openInput(options: InputOptions): Promise<Input> {
  const { path, stdin, from } = options;
  const isStdin = path === undefined || path === '-';
  const encoding = checkedEncoding(options);
  const { raw, size } = isStdin ? { raw: stdin, size: undefined } : await openFile(path);
  const release = (): void => void (raw !== stdin && raw.destroy());
  const { bytes, bytesRead } = await sniff(raw, encoding, options.signal, release);
  const workbook = workbookKind(bytes.first);
  if (workbook !== undefined) {
    release();
    throw new UsageError(
      `cannot read input ${isStdin ? 'stdin' : path}: it is ${workbook}, and rowport reads JSON, NDJSON and CSV only (save the sheet as CSV first)`,
    );
  }
  const extension = isStdin ? '' : extensionOf(path);
  const format = from ?? formatOf(extension, firstSignificantChar(bytes.first, encoding));
  const rowLines = new RowLines();
  const { rows, columns } = await readRows(format, bytes.all, { ...options, encoding, extension, rowLines, release });
  return {
    rows,
    format,
    name: isStdin ? 'stdin' : path,
    size,
    columns,
    bytesRead,
    lineOf: (row) => (format === 'csv' ? undefined : rowLines.lineOf(row)),
    close: () => {
      if (raw !== stdin) raw.destroy();
      else raw.pause();
    },
  };
}

// --- internal ---

/** The input encoding, after checking it and `--in-delimiter` (which `fromCsv` would refuse as an option the user never gave). */
function checkedEncoding(options: InputOptions): string {
  const encoding = options.encoding ?? 'utf-8';
  if (!iconv.encodingExists(encoding)) throw new UsageError(`--in-encoding: unknown encoding ${JSON.stringify(encoding)}`);
  if (options.delimiter !== undefined && options.delimiter.length !== 1) {
    throw new UsageError(`--in-delimiter must be one character, got ${JSON.stringify(options.delimiter)}`);
  }
  if (options.delimiter === '"' || options.delimiter === '\r' || options.delimiter === '\n') {
    throw new UsageError(`--in-delimiter must be a character other than the quote (") and line ends, got ${JSON.stringify(options.delimiter)}`);
  }
  return encoding;
}

/** Opens an input file, with its size when it is a regular file; a file that cannot be read is a usage error. */
async function openFile(path: string): Promise<{ raw: Readable; size: number | undefined }> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read input ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (info.isDirectory()) throw new UsageError(`cannot read input ${path}: it is a directory`);
  const size = info.isFile() ? info.size : undefined;
  const raw = createReadStream(path, { highWaterMark: 64 * 1024 });
  await new Promise<void>((resolve, reject) => {
    raw.once('open', () => resolve());
    raw.once('error', (error: NodeJS.ErrnoException) => reject(new UsageError(`cannot read input ${path}: ${error.message}`)));
  });
  return { raw, size };
}

/**
 * Counts the raw bytes and reads the first ones, inflated when the input is gzip: enough to tell gzip,
 * a workbook and the format by (see {@link enoughToTell}); `release` closes the input when `signal`
 * aborts that wait.
 */
async function sniff(
  raw: Readable,
  encoding: string,
  signal: AbortSignal | undefined,
  release: () => void,
): Promise<{ bytes: Peeked; bytesRead: () => number }> {
  let bytesRead = 0;
  const counted = (async function* count() {
    for await (const chunk of raw as AsyncIterable<Buffer | string>) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytesRead += buffer.length;
      yield buffer;
    }
  })();
  const isGzip = (head: Buffer): boolean => head[0] === 0x1f && head[1] === 0x8b;
  let bytes = await untilAborted(
    peek(counted, (head) => isGzip(head) || enoughToTell(head, encoding)),
    signal,
    release,
  );
  if (bytes.first !== undefined && isGzip(bytes.first)) {
    const gunzip = createGunzip();
    Readable.from(bytes.all, { objectMode: false })
      .on('error', (error) => gunzip.destroy(error))
      .pipe(gunzip);
    bytes = await untilAborted(
      peek(gunzip as AsyncIterable<Buffer>, (head) => enoughToTell(head, encoding)),
      signal,
      () => gunzip.destroy(),
    );
  }
  return { bytes, bytesRead: () => bytesRead };
}

/** What `readRows` needs beside the bytes. */
interface RowsContext {
  readonly encoding: string;
  readonly delimiter: string | undefined;
  readonly extension: string;
  readonly rowLines: RowLines;
  readonly signal?: AbortSignal | undefined;
  readonly onWarning?: ((warning: RowportWarning) => void) | undefined;
  readonly onNumberAsText?: NumberAsText | undefined;
  /** Closes the input when `signal` aborts the wait for the first CSV row. */
  readonly release: () => void;
}

/** The rows of the decoded input; for a CSV with a header and no rows, the header's names too. */
async function readRows(
  format: InputFormat,
  bytes: AsyncIterable<Buffer>,
  context: RowsContext,
): Promise<{ rows: AsyncIterable<Row>; columns: readonly Column[] | undefined }> {
  const { encoding, rowLines } = context;
  if (format !== 'csv') {
    const text = decode(bytes, encoding, context.onWarning);
    const read = format === 'json' ? jsonArrayRows : ndjsonRows;
    return { rows: read(text, rowLines, context.onNumberAsText) as AsyncIterable<Row>, columns: undefined };
  }
  const delimiter = context.delimiter ?? (context.extension === 'tsv' ? '\t' : ',');
  let header: readonly string[] | undefined;
  const csv = fromCsv(Readable.from(bytes, { objectMode: false }), {
    delimiter,
    encoding,
    onHeaders: (names) => (header = names),
    onWarning: context.onWarning,
  });
  // Read up to the first row, and with it the header: its names, in its order, are the output's columns.
  const first = await untilAborted(peekRow(csv), context.signal, context.release);
  return { rows: first.rows, columns: header === undefined ? undefined : headerColumns(header) };
}

/**
 * The columns of a CSV header, as the rows `fromCsv` reads from it hold them: one per name, in the
 * header's order. An empty name (a spreadsheet's empty column, pandas' index), which several
 * columns may share, is the one key `''`: a column with that header, read by a `value()` as a
 * column's key cannot be empty.
 */
function headerColumns(names: readonly string[]): Column[] {
  const unique = [...new Set(names)];
  return unique.map((name, i) => (name !== '' ? { key: name } : { key: unnamedKey(unique, i), header: '', value: (row: Row) => row[''] }));
}

/** A key for the unnamed column at `position` that no name of the header holds: `(column 3)`. */
function unnamedKey(names: readonly string[], position: number): string {
  let key = `(column ${position + 1})`;
  while (names.includes(key)) key = `(${key})`;
  return key;
}

/** The extension that names the format, without a trailing `.gz`: 'json', 'csv', … */
function extensionOf(path: string): string {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1);
}

function formatOf(extension: string, start: string | undefined): InputFormat {
  if (extension === 'csv' || extension === 'tsv') return 'csv';
  if (extension === 'ndjson' || extension === 'jsonl') return 'ndjson';
  if (extension === 'json') return start === '{' ? 'ndjson' : 'json';
  if (start === '[') return 'json';
  if (start === '{') return 'ndjson';
  return 'csv';
}

/** The first character of the first chunk that is not whitespace, after a BOM (UTF-8 or UTF-16). */
function firstSignificantChar(chunk: Buffer | undefined, encoding: string, ended = true): string | undefined {
  if (chunk === undefined) return undefined;
  const decoder = new CsvDecoder(encoding, 'replace', iconv);
  // More may come: a split character's first bytes are not yet one (end() would make them U+FFFD).
  const text = ended ? decoder.write(chunk) + decoder.end() : decoder.write(chunk);
  return /\S/.exec(text)?.[0];
}

/** `promise`, or a rejection as soon as `signal` aborts (then `cleanup` runs). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, cleanup: () => void): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      cleanup();
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** What the first bytes say the input is, when it is a spreadsheet workbook. */
function workbookKind(first: Buffer | undefined): string | undefined {
  if (first === undefined) return undefined;
  // a zip's local file header, or the end record of an empty zip (APPNOTE 4.3.7, 4.3.16)
  if (first[0] === 0x50 && first[1] === 0x4b && ((first[2] === 0x03 && first[3] === 0x04) || (first[2] === 0x05 && first[3] === 0x06))) {
    return 'a zip archive (an XLSX or other workbook)';
  }
  // an OLE2 compound file: .xls from Excel 97-2003
  if (first.subarray(0, 8).equals(OLE2_MAGIC)) return 'an XLS workbook (Excel 97-2003)';
  return undefined;
}

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Reads the first row, and gives back whether there was none and an iterable of all rows, the first included. */
async function peekRow(source: AsyncIterable<Row>): Promise<{ empty: boolean; rows: AsyncIterable<Row> }> {
  const iterator = source[Symbol.asyncIterator]();
  let first: IteratorResult<Row>;
  try {
    first = await iterator.next();
  } catch (error) {
    // a bad first record surfaces where rows are read, as for every later record
    // biome-ignore lint/correctness/useYield: a source that fails at its first read
    const rows = (async function* failed(): AsyncGenerator<Row> {
      throw error;
    })();
    return { empty: false, rows };
  }
  const rows = (async function* replay() {
    try {
      if (first.done) return;
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  })();
  return { empty: first.done === true, rows };
}

/** The first bytes of a byte stream, and all its bytes, the first included. */
interface Peeked {
  readonly first: Buffer | undefined;
  readonly all: AsyncIterable<Buffer>;
}

/** Bytes read at most to tell the format by: past them, input of nothing but whitespace is CSV. */
const SNIFF_BYTES = 4096;

/**
 * Whether the first bytes tell a workbook (its magic bytes) and the format (the first character that
 * is not whitespace, after a BOM): a pipe may give a line end, or part of a BOM, in a chunk of its own.
 */
function enoughToTell(head: Buffer, encoding: string): boolean {
  return head.length >= SNIFF_BYTES || (head.length >= OLE2_MAGIC.length && firstSignificantChar(head, encoding, false) !== undefined);
}

/** Reads chunks until `enough` says their bytes are (or the stream ends), and gives back an iterable of all bytes, those included. */
async function peek(source: AsyncIterable<Buffer>, enough: (head: Buffer) => boolean): Promise<Peeked> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let result = await iterator.next();
  for (; !result.done; result = await iterator.next()) {
    if (result.value.length > 0) head.push(result.value);
    if (head.length > 0 && enough(head.length === 1 ? (head[0] as Buffer) : Buffer.concat(head))) break;
  }
  const first = head.length === 0 ? undefined : Buffer.concat(head);
  const all = (async function* replay() {
    try {
      if (first === undefined) return;
      yield first;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  })();
  return { first, all };
}

/**
 * Bytes to text, as `fromCsv` decodes them: a UTF-8 or UTF-16 BOM (even split across chunks) wins and
 * is dropped; invalid bytes read as U+FFFD are reported as `fromCsv` reports them, with their line.
 */
async function* decode(
  bytes: AsyncIterable<Buffer>,
  encoding: string,
  onWarning: ((warning: RowportWarning) => void) | undefined,
): AsyncGenerator<string, void, undefined> {
  const decoder = new CsvDecoder(encoding, 'replace', iconv, onWarning !== undefined);
  let line = 1; // of the text's start, counted only while warnings are wanted
  const text = (piece: string): string => {
    if (onWarning === undefined) return piece;
    if (decoder.replaced !== -1) {
      const at = line + countLines(piece, decoder.replaced);
      onWarning({
        code: RowportWarningCode.InvalidBytes,
        line: at,
        message: `Line ${at}: bytes that are not valid ${decoder.decoding} were read as U+FFFD (\uFFFD); pass --in-encoding`,
      });
    }
    line += countLines(piece, piece.length);
    return piece;
  };
  for await (const chunk of bytes) {
    const piece = text(decoder.write(chunk));
    if (piece) yield piece;
  }
  const rest = text(decoder.end());
  if (rest) yield rest;
}

/** Line feeds in `text` before `end`. */
function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
