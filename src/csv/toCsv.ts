import { type ResolvedColumn, bindColumns } from '../columns/resolveColumns.js';
import { readFailed } from '../sources/rowShape.js';
import { RowShape, nextBatch } from '../sources/rowLoop.js';
import { RowportError, RowportErrorCode, at, invalidOption } from '../errors.js';
import { CHUNK_CHARS } from '../writer/chunks.js';
import { asRowportError } from '../writer/exportErrors.js';
import { Progress } from '../progress/progress.js';
import { callUser } from '../base/callUser.js';
import { MissingKeys, missingKeyMessage } from '../columns/missingKeys.js';
import { RowportWarningCode, type WarningHandler } from '../warnings.js';
import { RowReader, assertRows, claimRows } from '../sources/rowReader.js';
import type { Rows } from '../types.js';
import type { ByteSource, Platform, TextChunk } from '../platform/platform.js';
import { concatBytes, latin1Bytes } from '../platform/bytes.js';
import { type CsvCellWriter, compileCsvCell } from './csvCell.js';
import type { LegacyCodecs } from './encode.js';
import { escapeFormula } from './formulas.js';
import { LoneSurrogate } from './quote.js';
import { type ResolvedCsvOptions, type ToCsvOptions, resolveCsvOptions } from './options.js';

/**
 * The CSV writer before it meets a stream type: checks `rows` and the options at the call
 * (`ROWPORT_INVALID_OPTION`, `ROWPORT_INVALID_SOURCE`), then gives the chunks to pull, the source
 * to close and the resolved options (the Node entry gzips with `options.gzip`).
 * @param legacy - iconv-lite, where the runtime can run it (Node); without it only UTF-8 and UTF-16 are written.
 */
export function csvSource<T>(
  rows: Rows<T>,
  options: ToCsvOptions<T>,
  platform: Pick<Platform, 'textChunk'>,
  legacy?: LegacyCodecs,
): { source: ByteSource; options: ResolvedCsvOptions<T> } {
  assertRows(rows);
  const resolved = resolveCsvOptions(options, legacy);
  claimRows(rows);
  const reader = new RowReader(rows, resolved.maxRows);
  const progress = new Progress(resolved.onProgress, resolved.progressInterval, resolved.total);
  const source: ByteSource = {
    chunks: csvChunks(reader, resolved, progress, platform),
    signal: resolved.signal,
    cancel: () => reader.close(),
    rows: () => progress.rows,
    watch: progress.watch,
  };
  return { source, options: resolved };
}

// --- internal ---

async function* csvChunks<T>(
  reader: RowReader<T>,
  options: ResolvedCsvOptions<T>,
  progress: Progress,
  platform: Pick<Platform, 'textChunk'>,
): AsyncGenerator<Uint8Array, void, undefined> {
  let layout: CsvLayout | undefined;
  let missing: MissingKeys | undefined; // keys of `columns` no row had yet, when onWarning is given
  const fail: UnmappableFailure = (text, position, starts, firstIndex) => unmappableError(text, position, starts, firstIndex, layout?.columns ?? [], options);
  const chunk: ChunkText = options.encoder.name === 'utf-8' ? new Utf8ChunkText(options, platform.textChunk()) : new EncodedChunkText(options, fail);
  // The rows not yet in `chunk`, added at once (one string and one encoding per batch, not per row).
  const lines = new PendingLines();
  let pendingBom = options.bom;
  let headed = false;

  const flush = (): Uint8Array => {
    lines.addTo(chunk);
    const bytes = chunk.take(pendingBom);
    pendingBom = false;
    progress.addBytes(bytes.length);
    return bytes;
  };

  try {
    checkDialectEncodable(options);
    for (;;) {
      let batch = nextBatch(reader);
      if (!Array.isArray(batch)) batch = await batch;
      if (layout === undefined) {
        layout = csvLayout(batch[0], options);
        if (options.onWarning !== undefined) missing = MissingKeys.track(layout.columns, options.columns !== undefined, batch[0]);
        headed = writeHeader(layout, options, chunk);
      }
      if (batch.length === 0) break;
      const base = reader.index - batch.length;
      for (let i = 0; i < batch.length; i++) {
        const row = batch[i];
        const index = base + i;
        layout.shape.check(row, index);
        let line = rowLine(layout, row, index, options);
        if (index === 0 && !headed && !options.bom) line = safeStart(line.slice(0, line.length - options.lineEnding.length), options) + options.lineEnding;
        lines.add(line, index);
        if (missing?.pending) missing.observe(row);
        progress.row();
        if (chunk.chars + lines.chars >= CHUNK_CHARS) yield flush();
      }
      lines.addTo(chunk);
    }
    // No line at all (no rows, no header): an empty output, without a BOM that would make it a one-character file.
    if (chunk.chars > 0) yield flush();
    if (missing !== undefined && options.onWarning !== undefined) warnMissing(missing, reader.index, options.onWarning, progress);
    progress.final();
    await progress.watch.settle();
  } catch (error) {
    throw asRowportError(error);
  } finally {
    await reader.close();
  }
}

/**
 * Refuses a delimiter or quote the encoding cannot write (`é` in windows-1253): as `?` it would run
 * the fields of every line together. Checked when the stream starts, iconv-lite being loaded by then.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming `delimiter` or `quote`, before the first byte.
 */
function checkDialectEncodable<T>(options: ResolvedCsvOptions<T>): void {
  const { encoder, delimiter, quote } = options;
  for (const [name, value] of [
    ['delimiter', delimiter],
    ['quote', quote],
  ] as const) {
    if (encoder.firstUnmappable(value) !== -1) throw invalidOption(name, `characters ${encoder.name} can write`, value, 'Pick another, or a Unicode encoding');
  }
}

/** One `ROWPORT_UNKNOWN_COLUMN` warning for each key of `columns` that no row had. */
function warnMissing(missing: MissingKeys, rows: number, onWarning: WarningHandler, progress: Progress): void {
  for (const column of missing.missing) {
    callUser('onWarning', onWarning, { code: RowportWarningCode.UnknownColumn, message: missingKeyMessage(column, rows), column }, progress.watch);
  }
}

/** Adds the header line when the sheet has one (not for array rows without `columns`); true when it did. */
function writeHeader<T>(layout: CsvLayout, options: ResolvedCsvOptions<T>, chunk: ChunkText): boolean {
  if (!options.header || layout.columns.length === 0 || layout.arrayRows) return false;
  chunk.add(headerLine(layout.columns, options), -1);
  return true;
}

/**
 * The line of one row, its line ending included: its fields, each followed by the delimiter or,
 * after the last, the line ending. Built by `+=`: V8 joins the pieces once, when the batch is encoded.
 */
function rowLine<T>(layout: CsvLayout, row: unknown, index: number, options: ResolvedCsvOptions<T>): string {
  const { texts, reads, separators } = layout;
  const width = texts.length;
  if (width === 0) return options.lineEnding; // a row without columns (`{}`) is an empty line, as it always was
  let line = '';
  let field = '';
  let c = 0;
  try {
    for (; c < width; c++) {
      field = (texts[c] as CsvCellWriter)((reads[c] as ResolvedColumn['read'])(row, index), index);
      line += field;
      line += separators[c] as string;
    }
  } catch (error) {
    throw cellFailed(error, index, layout.columns[c]?.key, options); // a getter or a Proxy trap of the row threw, or a lone surrogate
  }
  // A lone empty (or blank) field would make an empty (or blank) line, which readers skip as no row at all.
  return width === 1 ? loneField(field, options.quote) + options.lineEnding : line;
}

/** The columns bound to the first row, and what the row loop needs of them, compiled once. */
interface CsvLayout {
  readonly columns: readonly ResolvedColumn[];
  /** What every row must be like: the kind (and length) of the first. */
  readonly shape: RowShape;
  /** Array rows without `columns`: no header line. */
  readonly arrayRows: boolean;
  readonly texts: readonly CsvCellWriter[];
  readonly reads: readonly ResolvedColumn['read'][];
  /** After each field: the delimiter; after the last, the line ending. */
  readonly separators: readonly string[];
  /** The characters of one row's separators. */
  readonly separatorChars: number;
}

function csvLayout<T>(first: unknown, options: ResolvedCsvOptions<T>): CsvLayout {
  const columns = bindColumns(options.columns, first);
  const shape = new RowShape(first, { width: columns.length, positions: options.columns === undefined });
  const separators = columns.map((_, c) => (c === columns.length - 1 ? options.lineEnding : options.delimiter));
  return {
    columns,
    shape,
    arrayRows: options.columns === undefined && shape.arrays,
    texts: columns.map((column) => compileCsvCell(column, options)),
    reads: columns.map((column) => column.read),
    separators,
    separatorChars: columns.length === 0 ? options.lineEnding.length : separators.reduce((sum, separator) => sum + separator.length, 0),
  };
}

/** Rows on their way to a {@link ChunkText}: their lines (line endings included) as one text. */
class PendingLines {
  text = '';
  /** Where each row's line starts in `text`; only the first `rows` count. */
  readonly starts: number[] = [];
  /** Rows in `text`, and the index of the first. */
  rows = 0;
  first = 0;

  get chars(): number {
    return this.text.length;
  }

  /** Adds the line of row `index`, its line ending included. */
  add(line: string, index: number): void {
    if (this.rows === 0) this.first = index;
    this.starts[this.rows++] = this.text.length;
    this.text += line;
  }

  /** Adds the rows to `chunk` and empties this. */
  addTo(chunk: ChunkText): void {
    if (this.rows === 0) return;
    chunk.addLines(this);
    this.text = '';
    this.rows = 0;
  }
}

/** Builds the error for the unmappable character at `position` of `text`; see {@link unmappableError}. */
type UnmappableFailure = (text: string, position: number, starts: readonly number[], firstIndex: number) => RowportError;

/**
 * The lines of one output chunk on their way to bytes. `chars` (UTF-16 code units added since the
 * last `take`) decides when a chunk is full, so chunks end at the same rows in every encoding.
 */
interface ChunkText {
  readonly chars: number;
  /** Adds the line of row `row` (-1 is the header) and a line ending. */
  add(line: string, row: number): void;
  /** Adds the pending rows' lines, their line endings included. */
  addLines(lines: PendingLines): void;
  /**
   * The bytes of the lines added since the last take, after the BOM when `bom`; empties the chunk.
   * @throws {RowportError} `ROWPORT_UNMAPPABLE_CHARACTER` (with `unmappable: 'error'`) for the first
   *   character of the chunk the encoding cannot hold.
   */
  take(bom: boolean): Uint8Array;
}

/** Any encoding: the chunk is kept as text and encoded whole. */
class EncodedChunkText<T> implements ChunkText {
  private text = '';
  // Where each line starts in `text`, and the row of the first one, to name the row of an unmappable character.
  private readonly starts: number[] = [];
  private firstIndex = 0;

  constructor(
    private readonly options: ResolvedCsvOptions<T>,
    private readonly fail: UnmappableFailure,
  ) {}

  get chars(): number {
    return this.text.length;
  }

  addLines(lines: PendingLines): void {
    if (this.starts.length === 0) this.firstIndex = lines.first;
    for (let r = 0; r < lines.rows; r++) this.starts.push(this.text.length + (lines.starts[r] as number));
    this.text += lines.text;
  }

  add(line: string, row: number): void {
    if (this.starts.length === 0) this.firstIndex = row;
    this.starts.push(this.text.length);
    this.text += line + this.options.lineEnding;
  }

  take(bom: boolean): Uint8Array {
    const { encoder, unmappable } = this.options;
    const text = this.text;
    let bytes = encoder.encode(text);
    if (!encoder.lossless(text, bytes)) {
      if (unmappable === 'error') throw this.fail(text, Math.max(0, encoder.firstUnmappable(text)), this.starts, this.firstIndex);
      // One '?' a character, as Python does (iconv-lite writes two for a character past U+FFFF), and
      // for a character the encoding would write as the bytes of another (Shift_JIS `¥`).
      const replaced = encoder.replaceUnmappable(text);
      bytes = encoder.encode(replaced);
      if (!encoder.lossless(replaced, bytes)) throw this.fail(text, Math.max(0, encoder.firstUnmappable(text)), this.starts, this.firstIndex);
    }
    this.text = '';
    this.starts.length = 0;
    return bom ? concatBytes([encoder.bom, bytes]) : bytes;
  }
}

/**
 * UTF-8, the default: each line is encoded as it is added (see `Platform.textChunk`). Its only
 * unmappable character, a lone surrogate, is refused by the quote test (`compileQuoter`'s
 * `wellFormed`) with the row and column, before the text gets here.
 */
class Utf8ChunkText<T> implements ChunkText {
  private readonly lineEnding: Uint8Array;

  constructor(
    private readonly options: ResolvedCsvOptions<T>,
    private readonly bytes: TextChunk,
  ) {
    this.lineEnding = latin1Bytes(options.lineEnding);
  }

  get chars(): number {
    return this.bytes.chars;
  }

  add(line: string): void {
    this.bytes.add(line);
    this.bytes.addBytes(this.lineEnding, this.lineEnding.length);
  }

  addLines(lines: PendingLines): void {
    this.bytes.add(lines.text);
  }

  take(bom: boolean): Uint8Array {
    return this.bytes.take(bom ? this.options.encoder.bom : undefined);
  }
}

function headerLine<T>(columns: readonly ResolvedColumn[], options: ResolvedCsvOptions<T>): string {
  const field = (column: ResolvedColumn): string => {
    try {
      return options.quoteField(options.escapeFormulas ? escapeFormula(column.header, options.decimalSeparator === ',') : column.header);
    } catch (error) {
      throw error instanceof LoneSurrogate ? unmappableAt(undefined, column.key, error.code, options) : error;
    }
  };
  let line = columns.map(field).join(options.delimiter);
  if (columns.length === 1) line = loneField(line, options.quote); // as a row's only field: never a blank line
  return options.bom ? line : safeStart(line, options);
}

/**
 * The first line of a file without a BOM, its first field quoted when it starts with `ID` (Excel
 * would take the file for SYLK), with U+FEFF (readers would drop it as a byte order mark), or, in
 * a legacy encoding, with characters whose bytes are a UTF-8 or UTF-16 BOM (`яю` in windows-1251
 * is FF FE): readers, `fromCsv` and Excel among them, would take the file for UTF-16 or UTF-8.
 * That field is unquoted here: a field that needs quotes starts with the quote.
 */
function safeStart<T>(line: string, options: ResolvedCsvOptions<T>): string {
  const bomBytes = !options.encoder.unicode && startsWithBom(options.encoder.encode(line.slice(0, 3)));
  if (!line.startsWith('ID') && !line.startsWith('\uFEFF') && !bomBytes) return line;
  const end = line.indexOf(options.delimiter);
  const first = end === -1 ? line : line.slice(0, end);
  return `${options.quote}${first}${options.quote}${end === -1 ? '' : line.slice(end)}`;
}

/** True when `bytes` start with a UTF-8 (EF BB BF) or UTF-16 (FF FE, FE FF) byte order mark. */
function startsWithBom(bytes: Uint8Array): boolean {
  const [a, b, c] = bytes;
  return (a === 0xef && b === 0xbb && c === 0xbf) || (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff);
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
  return unmappableAt(rowIndex, columns[field]?.key, text.codePointAt(position) ?? 0, options);
}

/** `ROWPORT_UNMAPPABLE_CHARACTER` for the character `code` in row `row` (undefined: the header), column `column`. */
function unmappableAt<T>(row: number | undefined, column: string | undefined, code: number, options: ResolvedCsvOptions<T>): RowportError {
  const lone = code >= 0xd800 && code <= 0xdfff;
  const char = lone ? 'a lone surrogate' : `'${String.fromCodePoint(code)}'`;
  // A lone surrogate is no character: no encoding holds it, and UTF-8 and UTF-16 replace it by U+FFFD.
  const advice = options.encoder.unicode ? "unmappable: 'replace' writes U+FFFD in its place" : `use a Unicode encoding, or unmappable: 'replace' to write '?'`;
  return new RowportError(
    RowportErrorCode.UnmappableCharacter,
    `${at(row, column)}${char} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) cannot be written in ${options.encoder.name}; ${advice}`,
    { row, column },
  );
}

/** What a cell's failure is: a lone surrogate the quote test refused, or a read of the row that threw (see `readFailed`). */
function cellFailed<T>(error: unknown, row: number, column: string | undefined, options: ResolvedCsvOptions<T>): RowportError {
  if (error instanceof LoneSurrogate) return unmappableAt(row, column, error.code, options);
  return readFailed(error, row, column);
}

/** A row's only field: quoted when it is empty or only spaces and tabs, which readers take for a blank line. */
function loneField(field: string, quote: string): string {
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return field;
  }
  return quote + field + quote;
}
