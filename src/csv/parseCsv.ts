import { RowportError, RowportErrorCode } from '../errors.js';
import { utf8Length } from '../platform/bytes.js';

/** How {@link CsvParser} reads records. */
export interface CsvParserOptions {
  /** One character. */
  readonly delimiter: string;
  /** One character; a quote inside a quoted field is doubled. */
  readonly quote: string;
  /** Drop lines that hold nothing but spaces and tabs. */
  readonly skipEmpty: boolean;
  /** Longest field, in UTF-8 bytes; `Infinity` for no limit. */
  readonly maxFieldBytes: number;
  /**
   * The fields of the header when its names are given. Undefined: the first record is the header,
   * its fields with their delimiters may hold `maxHeaderBytes` in all, and its count bounds the records after it.
   */
  readonly fields?: number | undefined;
  /** Longest header line (when `fields` is undefined), in UTF-8 bytes; `Infinity` for no limit. */
  readonly maxHeaderBytes: number;
}

/**
 * A streaming RFC 4180 parser over decoded text, in one pass: `feed()` takes each chunk as it
 * comes and appends the records it completes to `records` (with the 1-based line each starts on
 * in `lines`). A field is cut out of the chunk with `slice`; one that spans chunks, or holds `""`,
 * is kept as a list of pieces joined once at its end, so a long field costs linear time.
 *
 * Beyond RFC 4180, as `@fast-csv/parse` did before it: `\r`, `\n` and `\r\n` all end a record;
 * spaces and tabs before an opening quote and after a closing quote are dropped; a quote inside
 * an unquoted field is kept as it is.
 * @throws {RowportError} `ROWPORT_INVALID_CSV` with `row` = the line where the bad record starts.
 */
export class CsvParser {
  /** Records completed so far; the caller takes them out. */
  readonly records: string[][] = [];
  /** The line each record in `records` starts on. */
  readonly lines: number[] = [];
  /** The line the parser has reached (1-based). */
  line = 1;
  private recordLine = 1;
  private fields: string[] = [];
  /** Most fields of a record: the header's, once known; a record is refused at the first field past it. */
  private maxFields: number;
  /** UTF-8 bytes of the header line's fields and delimiters so far; undefined once the header is read (or given). */
  private headerBytes: number | undefined;
  private parts: string[] = [];
  private partUnits = 0;
  /** UTF-8 bytes of the first `countedParts` of `parts`: each piece is counted once, however long the field grows. */
  private partBytes = 0;
  private countedParts = 0;
  private state = State.RecordStart;
  private lastWasCr = false;
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly quoteText: string;
  private readonly doubled: string;
  /** The quoted piece being scanned holds a "" pair. */
  private pairs = false;
  private readonly skipEmpty: boolean;
  private readonly maxFieldBytes: number;
  private readonly maxHeaderBytes: number;

  constructor(options: CsvParserOptions) {
    this.delimiter = options.delimiter.charCodeAt(0);
    this.quote = options.quote.charCodeAt(0);
    this.quoteText = options.quote;
    this.doubled = options.quote + options.quote;
    this.skipEmpty = options.skipEmpty;
    this.maxFieldBytes = options.maxFieldBytes;
    this.maxHeaderBytes = options.maxHeaderBytes;
    this.maxFields = options.fields ?? Infinity;
    this.headerBytes = options.fields === undefined ? -1 : undefined; // -1: the first field has no delimiter before it
  }

  /** Parses the next piece of text. */
  feed(text: string): void {
    const { delimiter, quote } = this;
    const length = text.length;
    let state = this.state;
    let i = 0;
    let start = 0; // where the current field's piece in `text` begins
    if (this.lastWasCr && length > 0 && text.charCodeAt(0) === 10) {
      // the \n of a \r\n split across chunks
      if (state === State.RecordStart) i = start = 1;
    }
    while (i < length) {
      switch (state) {
        case State.RecordStart:
        case State.FieldStart: {
          const c = text.charCodeAt(i);
          if (c === quote) {
            state = State.Quoted;
            start = ++i;
          } else if (c === delimiter) {
            this.push('');
            state = State.FieldStart;
            start = ++i;
          } else if (c === 13 || c === 10) {
            if (state === State.RecordStart) {
              this.blankLine();
            } else {
              this.push('');
              this.endRecord();
            }
            i = this.newline(text, i);
            this.recordLine = this.line;
            state = State.RecordStart;
            start = i;
          } else {
            state = c === 32 || c === 9 ? State.Leading : State.Unquoted;
            start = i++;
          }
          break;
        }
        case State.Leading: {
          // only spaces and tabs so far: a quote after them opens a quoted field
          const c = text.charCodeAt(i);
          if (c === 32 || c === 9) {
            if (c === delimiter) state = State.Unquoted;
            else i++;
          } else if (c === quote) {
            this.dropParts();
            state = State.Quoted;
            start = ++i;
          } else state = State.Unquoted;
          break;
        }
        case State.Unquoted: {
          let c = 0;
          while (i < length) {
            c = text.charCodeAt(i);
            if (c === delimiter || c === 13 || c === 10) break;
            i++;
          }
          if (i === length) break;
          const field = this.takeField(text, start, i);
          if (c === delimiter) {
            this.push(field);
            state = State.FieldStart;
            start = ++i;
          } else {
            this.lastField(field);
            i = this.newline(text, i);
            this.recordLine = this.line;
            state = State.RecordStart;
            start = i;
          }
          break;
        }
        case State.Quoted: {
          // jump from quote to quote; a "" pair stays in the piece and is undoubled once at its end
          let end = text.indexOf(this.quoteText, i);
          while (end !== -1 && end + 1 < length && text.charCodeAt(end + 1) === quote) {
            this.pairs = true;
            end = text.indexOf(this.quoteText, end + 2);
          }
          this.countLines(text, i, end === -1 ? length : end);
          if (end === -1) {
            i = length;
            break;
          }
          // a closing quote, or one at the end of the chunk that the next chunk may double
          this.addPiece(text, start, end);
          state = State.QuoteInQuoted;
          i = end + 1;
          start = i;
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === quote) {
            // the second quote of a "" split across chunks: one quote of the field
            this.addPart(this.quoteText);
            state = State.Quoted;
            start = ++i;
          } else if (c === delimiter) {
            this.push(this.joinParts());
            state = State.FieldStart;
            start = ++i;
          } else if (c === 13 || c === 10) {
            this.push(this.joinParts());
            this.endRecord();
            i = this.newline(text, i);
            this.recordLine = this.line;
            state = State.RecordStart;
            start = i;
          } else if (c === 32 || c === 9) {
            state = State.Trailing;
            i++;
          } else throw this.invalid(`expected ${describeChar(this.delimiter)} or a line end after the closing quote, got ${describeChar(c)}`);
          break;
        }
        case State.Trailing: {
          const c = text.charCodeAt(i);
          if (c === 32 || c === 9) {
            if (c === delimiter) state = State.QuoteInQuoted;
            else i++;
          } else if (c === delimiter || c === 13 || c === 10) state = State.QuoteInQuoted;
          else throw this.invalid(`expected ${describeChar(this.delimiter)} or a line end after the closing quote, got ${describeChar(c)}`);
          break;
        }
      }
    }
    // keep the unfinished piece of the field for the next chunk
    if ((state === State.Unquoted || state === State.Leading || state === State.Quoted) && start < length) {
      this.addPiece(text, start, length);
    }
    this.state = state;
    this.lastWasCr = length > 0 ? text.charCodeAt(length - 1) === 13 : this.lastWasCr;
    this.checkField();
  }

  /** The input ended: completes the last record (one without a line end). */
  end(): void {
    switch (this.state) {
      case State.RecordStart:
        return;
      case State.Quoted:
        throw this.invalid(`a quoted field is not closed: the input ends inside it`);
      case State.FieldStart:
        this.push('');
        break;
      case State.Leading:
      case State.Unquoted: {
        this.lastField(this.joinParts());
        this.state = State.RecordStart;
        return;
      }
      default:
        this.push(this.joinParts());
    }
    this.endRecord();
    this.state = State.RecordStart;
  }

  /** `ROWPORT_INVALID_CSV` for the record being read. */
  invalid(reason: string, cause?: unknown): RowportError {
    return new RowportError(RowportErrorCode.InvalidCsv, `Line ${this.recordLine}: invalid CSV: ${reason}`, { row: this.recordLine, cause });
  }

  /** The line the record being read starts on. */
  get currentRecordLine(): number {
    return this.recordLine;
  }

  // --- internal ---

  /** Steps over the line end at `i` (`\r\n` as one) and counts it. */
  private newline(text: string, i: number): number {
    this.line++;
    if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) return i + 2;
    return i + 1;
  }

  /** Counts line ends inside a quoted field: `\r`, `\n`, and `\r\n` once. */
  private countLines(text: string, from: number, to: number): void {
    let line = this.line;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c > 13) continue;
      if (c === 13) line++;
      else if (c === 10 && !(i > 0 ? text.charCodeAt(i - 1) === 13 : this.lastWasCr)) line++;
    }
    this.line = line;
  }

  /** An empty line: a record of one empty field, unless `skipEmpty`. */
  private blankLine(): void {
    this.dropParts();
    if (!this.skipEmpty) {
      this.push('');
      this.endRecord();
    }
  }

  /** The unquoted last field of a record; a line of only spaces and tabs is blank. */
  private lastField(field: string): void {
    if (this.skipEmpty && this.fields.length === 0 && isBlank(field)) return;
    this.push(field);
    this.endRecord();
  }

  /**
   * Adds the next field of the record being read. A record with a field past the header's count is
   * refused at once, and so is a header line past `maxHeaderBytes`, rather than held until its end.
   */
  private push(field: string): void {
    if (this.fields.length >= this.maxFields) {
      throw this.invalid(`expected at most ${this.maxFields} fields (the header's), got more`);
    }
    if (this.headerBytes !== undefined) {
      this.headerBytes += utf8Length(field) + 1;
      if (this.headerBytes > this.maxHeaderBytes) throw this.invalid(`the header line is longer than ${this.maxHeaderBytes} bytes`);
    }
    this.fields.push(field);
  }

  private endRecord(): void {
    if (this.headerBytes !== undefined) {
      this.maxFields = this.fields.length;
      this.headerBytes = undefined;
    }
    this.records.push(this.fields);
    this.lines.push(this.recordLine);
    this.fields = [];
  }

  /** The field that ends at `end`: its earlier pieces (if any) and `text[start, end)`. */
  private takeField(text: string, start: number, end: number): string {
    if (this.parts.length === 0) {
      const field = text.slice(start, end);
      if (field.length * 3 > this.maxFieldBytes) this.checkLength(field.length, field);
      return field;
    }
    this.addPart(text.slice(start, end));
    return this.joinParts();
  }

  /** `text[start, end)` as the next piece of the field, with its "" pairs (if any) undoubled. */
  private addPiece(text: string, start: number, end: number): void {
    const piece = text.slice(start, end);
    if (this.pairs) {
      this.pairs = false;
      // split + join gives one flat string; replaceAll may give a rope of slices that holds on to the chunk
      this.addPart(piece.split(this.doubled).join(this.quoteText));
    } else this.addPart(piece);
  }

  private addPart(piece: string): void {
    this.parts.push(piece);
    this.partUnits += piece.length;
  }

  private joinParts(): string {
    const field = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.dropParts();
    if (field.length * 3 > this.maxFieldBytes) this.checkLength(field.length, field);
    return field;
  }

  private dropParts(): void {
    this.parts = [];
    this.partUnits = 0;
    this.partBytes = 0;
    this.countedParts = 0;
  }

  /** Fails early on a field that is still growing past `maxFieldBytes`. */
  private checkField(): void {
    if (this.partUnits * 3 > this.maxFieldBytes) this.checkLength(this.partUnits, undefined);
  }

  /** A UTF-16 unit is 1 to 3 UTF-8 bytes: count exactly only between those bounds. */
  private checkLength(units: number, field: string | undefined): void {
    const bytes = units > this.maxFieldBytes ? units : field === undefined ? this.partsLength() : utf8Length(field);
    if (bytes > this.maxFieldBytes) {
      this.dropParts();
      throw this.invalid(`a field is longer than maxFieldBytes (${this.maxFieldBytes} bytes)`);
    }
  }

  /** UTF-8 bytes of the field's pieces so far, counting only the pieces added since the last call. */
  private partsLength(): number {
    const parts = this.parts;
    let bytes = this.partBytes;
    for (let i = this.countedParts; i < parts.length; i++) bytes += utf8Length(parts[i]!);
    this.countedParts = parts.length;
    this.partBytes = bytes;
    return bytes;
  }
}

// --- internal ---

enum State {
  /** Nothing of the record read yet. */
  RecordStart,
  /** After a delimiter. */
  FieldStart,
  /** Only spaces and tabs of the field so far. */
  Leading,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: closing, or the first of `""`. */
  QuoteInQuoted,
  /** Spaces and tabs after the closing quote. */
  Trailing,
}

function isBlank(field: string): boolean {
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function describeChar(code: number): string {
  return `${JSON.stringify(String.fromCharCode(code))} (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}
