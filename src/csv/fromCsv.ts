import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { RowportError, RowportErrorCode, describe, invalidOption } from '../errors.js';
import { Lazy } from '../util/lazy.js';
import { ICONV } from './encode.js';
import { encodingExists } from './encodingNames.js';
import { checkOptionKeys, optionKeys } from '../util/optionKeys.js';

/** The CSV parser, imported when a `fromCsv` iteration starts: writers never load it. */
export const FAST_CSV = /* @__PURE__ */ new Lazy('@fast-csv/parse', () => import('@fast-csv/parse'));

/** Options of {@link fromCsv}. */
export interface FromCsvOptions {
  /** Field separator. @default ',' */
  readonly delimiter?: string | undefined;
  /** Quote character. @default '"' */
  readonly quote?: string | undefined;
  /** Encoding of the input when it has no BOM (a UTF-8 or UTF-16 BOM always wins and is dropped).
   *  @default 'utf-8' */
  readonly encoding?: string | undefined;
  /** `true`: the first line names the fields; an array: these names, and the first line is data.
   *  @default true */
  readonly headers?: boolean | readonly string[] | undefined;
  /** Skip blank lines. @default true */
  readonly skipEmpty?: boolean | undefined;
}

/**
 * Reads CSV into row objects, streaming: a file path, a Buffer or a byte `Readable`.
 * Powered by `@fast-csv/parse`; decodes any iconv-lite encoding and drops a BOM.
 * @param input - A file path, a Buffer, or a Readable of bytes.
 * @param options - `delimiter`, `quote`, `encoding`, `headers`, `skipEmpty`.
 * @returns An async iterable of `{ header: value }` objects. Breaking out of it closes the input.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` at once; while iterating, `ROWPORT_INVALID_CSV`
 *   with `row` set to the 1-based line where the bad record starts.
 * @example
 * for await (const row of fromCsv('people.csv')) console.log(row);
 * //=> { id: '1', name: 'Ada' }
 */
export function fromCsv(input: string | Buffer | Readable, options: FromCsvOptions = {}): AsyncIterable<Record<string, string>> {
  const { delimiter = ',', quote = '"', encoding = 'utf-8', headers = true, skipEmpty = true } = options;
  if (!(typeof input === 'string' || Buffer.isBuffer(input) || input instanceof Readable)) {
    throw new RowportError(RowportErrorCode.InvalidSource, `Invalid CSV input: expected a file path, a Buffer or a Readable, got ${describe(input)}`);
  }
  checkOptionKeys(options, FROM_CSV_KEYS);
  if (typeof delimiter !== 'string' || delimiter.length !== 1) throw invalidOption('delimiter', 'one character', delimiter);
  if (typeof quote !== 'string' || quote.length !== 1) throw invalidOption('quote', 'one character', quote);
  if (typeof encoding !== 'string' || !encodingExists(encoding)) throw invalidOption('encoding', 'an encoding iconv-lite knows', encoding);
  if (!(typeof headers === 'boolean' || (Array.isArray(headers) && headers.every((h) => typeof h === 'string')))) {
    throw invalidOption('headers', 'true or an array of names', headers);
  }
  if (headers === false) throw invalidOption('headers', 'true or an array of names (rows are objects)', headers);
  return (async function* rows() {
    const [{ parse }, decoders] = await Promise.all([FAST_CSV.start(), ICONV.start()]);
    const bytes = typeof input === 'string' ? createReadStream(input) : Buffer.isBuffer(input) ? Readable.from([input]) : input;
    const parser = parse<Record<string, string>, Record<string, string>>({
      delimiter,
      quote,
      headers: headers === true ? true : [...headers],
      renameHeaders: false,
      ignoreEmpty: skipEmpty,
      strictColumnHandling: false,
    });
    // fast-csv reports no positions: a scanner ahead of it notes where each record starts.
    const lines = new RecordLines(delimiter, quote, skipEmpty, headers === true);
    parser.transform((record: Record<string, string>) => {
      lines.passed();
      return record;
    });
    const text = Readable.from(lines.scan(decode(bytes, encoding, decoders)), { objectMode: false });
    text.on('error', (error) => parser.destroy(error));
    text.pipe(parser);
    try {
      for await (const record of parser as AsyncIterable<Record<string, string>>) yield record;
    } catch (error) {
      throw asCsvError(error, lines.failedLine(), typeof input === 'string' ? input : undefined);
    } finally {
      text.destroy();
      parser.destroy();
      bytes.destroy();
    }
  })();
}

// --- internal ---

/** The keys of `fromCsv` options; see `checkOptionKeys`. */
const FROM_CSV_KEYS = optionKeys<FromCsvOptions>({ delimiter: true, quote: true, encoding: true, headers: true, skipEmpty: true });

async function* decode(bytes: Readable, encoding: string, iconv: typeof import('iconv-lite')): AsyncGenerator<string> {
  let decoder: ReturnType<typeof iconv.getDecoder> | undefined;
  for await (const chunk of bytes as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (decoder === undefined) {
      decoder = iconv.getDecoder(bomEncoding(buffer) ?? encoding, { stripBOM: true });
    }
    const text = decoder.write(buffer);
    if (text) yield text;
  }
  const rest = decoder?.end();
  if (rest) yield rest;
}

function bomEncoding(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * Scans the decoded text on its way to the parser, noting the line each record starts on, so an
 * error names the line of the bad record: the record after the last one the parser passed, or
 * the first record whose closing quote is followed by something other than a delimiter or a line end.
 */
class RecordLines {
  private readonly starts: number[] = [];
  private next = 0; // index in `starts` of the record the parser works on
  private line = 1;
  private recordLine = 1;
  private content = false;
  private state = State.FieldStart;
  private afterCr = false;
  private skipFirst: boolean;
  private badLine: number | undefined;
  private readonly delimiter: number;
  private readonly quote: number;

  constructor(delimiter: string, quote: string, private readonly skipEmpty: boolean, header: boolean) {
    this.delimiter = delimiter.charCodeAt(0);
    this.quote = quote.charCodeAt(0);
    this.skipFirst = header;
  }

  async *scan(chunks: AsyncIterable<string>): AsyncGenerator<string> {
    for await (const text of chunks) {
      this.feed(text);
      yield text;
    }
    if (this.state !== State.FieldStart || this.content) this.endRecord();
  }

  /** The parser passed a record on. */
  passed(): void {
    this.next++;
    if (this.next > 4096) {
      this.starts.splice(0, this.next);
      this.next = 0;
    }
  }

  /** The line of the record the parser failed on. */
  failedLine(): number {
    return this.badLine ?? this.starts[this.next] ?? this.recordLine;
  }

  private feed(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const newline = c === 10 || c === 13;
      if (newline) {
        if (!(c === 10 && this.afterCr)) this.line++;
        this.afterCr = c === 13;
      } else this.afterCr = false;
      switch (this.state) {
        case State.Quoted:
          if (c === this.quote) this.state = State.QuoteInQuoted;
          break;
        case State.QuoteInQuoted:
          if (c === this.quote) this.state = State.Quoted;
          else if (c === this.delimiter) this.state = State.FieldStart;
          else if (newline) this.endRecord();
          else {
            this.badLine ??= this.recordLine;
            this.state = State.Unquoted;
          }
          break;
        default:
          if (newline) {
            if (this.content || this.state === State.Unquoted || !this.skipEmpty) this.endRecord();
            else this.recordLine = this.line;
          } else if (c === this.delimiter) this.state = State.FieldStart;
          else if (c === this.quote && this.state === State.FieldStart) {
            this.state = State.Quoted;
            this.content = true;
          } else {
            this.state = State.Unquoted;
            if (c !== 32 && c !== 9) this.content = true;
          }
      }
    }
  }

  private endRecord(): void {
    if (this.content || !this.skipEmpty) {
      if (this.skipFirst) this.skipFirst = false;
      else this.starts.push(this.recordLine);
    }
    this.content = false;
    this.state = State.FieldStart;
    this.recordLine = this.line;
  }
}

function asCsvError(error: unknown, line: number, path: string | undefined): RowportError {
  if (error instanceof RowportError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') {
    return new RowportError(RowportErrorCode.InvalidSource, `Cannot read CSV file ${path}: ${reason}`, { cause: error });
  }
  return new RowportError(RowportErrorCode.InvalidCsv, `Line ${line}: invalid CSV: ${reason}`, { row: line, cause: error });
}
