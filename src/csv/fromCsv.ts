import { RowportError, RowportErrorCode, describe, invalidOption } from '../errors.js';
import { CsvDecoder, InvalidBytesError, canCheckInvalid, isUnicode, isUtf8 } from './decodeCsv.js';
import { CsvParser } from './parseCsv.js';
import { type LegacyCodecs, WEB_ENCODINGS } from './encode.js';
import { encodingExists } from './encodingNames.js';
import { CallbackWatch, callUser } from '../base/callUser.js';
import { optionKeys, ownOptions } from '../base/optionKeys.js';
import { type RowportWarning, RowportWarningCode, type WarningHandler } from '../warnings.js';
import { keepKeyOrder, lostKeyOrder } from '../base/keyOrder.js';

/** Options of `fromCsv` (both entries). */
export interface FromCsvOptions {
  /** Field separator. @default ',' */
  readonly delimiter?: string | undefined;
  /** Quote character. @default '"' */
  readonly quote?: string | undefined;
  /** Encoding of the input when it has no BOM (a UTF-8 or UTF-16 BOM always wins and is dropped;
   *  so is a declared UTF-32's own BOM).
   *  @default 'utf-8' */
  readonly encoding?: string | undefined;
  /** `true`: the first line names the fields; an array: these names, and the first line is data.
   *  @default true */
  readonly headers?: boolean | readonly string[] | undefined;
  /** Skip blank lines (empty, or only spaces and tabs). @default true */
  readonly skipEmpty?: boolean | undefined;
  /** Longest field in UTF-8 bytes; a longer one is `ROWPORT_INVALID_CSV` naming its line. With
   *  `headers: true`, the header line (its fields with their delimiters) may hold this or 16 MiB,
   *  whichever is more. `Infinity` lifts both limits. @default 16 MiB (16_777_216) */
  readonly maxFieldBytes?: number | undefined;
  /** Bytes that are not valid in the encoding: `'replace'` reads each as U+FFFD (`�`) and reports a
   *  `ROWPORT_INVALID_BYTES` warning to `onWarning`, `'error'` fails with `ROWPORT_INVALID_CSV`
   *  naming the line they are on. @default 'replace' */
  readonly invalid?: 'error' | 'replace' | undefined;
  /** Receives a `ROWPORT_INVALID_BYTES` warning, with the `line`, for each ~64 KiB of input in which
   *  `invalid: 'replace'` read invalid bytes as U+FFFD (the line is the first such one there). What it
   *  throws, or a promise it returns that rejects, stops the read as `ROWPORT_CALLBACK_FAILED`. */
  readonly onWarning?: WarningHandler | undefined;
  /** Called once with the header names, before the first row (also when no row follows). What it
   *  throws, or a promise it returns that rejects, stops the read as `ROWPORT_CALLBACK_FAILED`, with the error as `cause`. */
  readonly onHeaders?: ((headers: readonly string[]) => void) | undefined;
}

/** Default {@link FromCsvOptions.maxFieldBytes}: 16 MiB, far beyond a spreadsheet cell (32,767 characters). */
export const DEFAULT_MAX_FIELD_BYTES = 16 * 1024 * 1024;

/** The options of `fromCsv` with their defaults (own properties only: never one inherited from `Object.prototype`), not yet checked. */
export function fromCsvDefaults(options: FromCsvOptions): CheckedOptions {
  const {
    delimiter = ',',
    quote = '"',
    encoding = 'utf-8',
    headers = true,
    skipEmpty = true,
    maxFieldBytes = DEFAULT_MAX_FIELD_BYTES,
    invalid = 'replace',
    onHeaders,
    onWarning,
  } = ownOptions(options, FROM_CSV_KEYS);
  return { delimiter, quote, encoding, headers, skipEmpty, maxFieldBytes, invalid, onHeaders, onWarning };
}

/**
 * The rows of CSV bytes: `chunks` (Uint8Arrays or strings) decoded, parsed and keyed by the header.
 * Read failures of `chunks` become `ROWPORT_SOURCE_FAILED` (`ROWPORT_INVALID_SOURCE` for a missing `path`).
 * @param legacy - iconv-lite for encodings other than UTF-8 and UTF-16 (checked at the call: see {@link checkOptions}).
 */
export async function* csvRecords(
  chunks: AsyncIterable<unknown> | Iterable<unknown>,
  options: CheckedOptions,
  legacy: LegacyCodecs | undefined,
  path: string | undefined,
): AsyncGenerator<Record<string, string>, void, undefined> {
  const { delimiter, quote, encoding, headers, skipEmpty, maxFieldBytes, invalid, onHeaders, onWarning } = options;
  const iconv = isUnicode(encoding) || legacy === undefined ? undefined : await legacy.start(); // the name was checked at the call
  const decoder = new CsvDecoder(encoding, invalid, iconv, onWarning !== undefined);
  const fields = headers === true ? undefined : (headers as readonly string[]).length;
  const parser = new CsvParser({ delimiter, quote, skipEmpty, maxFieldBytes, fields, maxHeaderBytes: Math.max(maxFieldBytes, DEFAULT_MAX_FIELD_BYTES) });
  const watch = new CallbackWatch(); // the promises onHeaders and onWarning return: a rejection ends the read
  const records = new Records(headers === true ? undefined : [...(headers as readonly string[])], onHeaders, watch); // checked: true or names
  for await (const chunk of readChunks(chunks, path, encoding)) {
    let text: string;
    let invalidBytes: InvalidBytesError | undefined;
    try {
      text = chunk === undefined ? decoder.end() : decoder.write(chunk);
    } catch (error) {
      if (!(error instanceof InvalidBytesError)) throw error;
      invalidBytes = error;
      text = error.before;
    }
    let failure: unknown;
    try {
      if (decoder.replaced !== -1 && onWarning !== undefined) {
        parser.feed(text.slice(0, decoder.replaced)); // up to the replacement, to know its line
        text = text.slice(decoder.replaced);
        callUser('onWarning', onWarning, replacedWarning(parser.line, decoder.decoding), watch);
      }
      if (text.length > 0) parser.feed(text);
      if (invalidBytes !== undefined) {
        const line = parser.line; // the line the invalid bytes are on
        failure = new RowportError(RowportErrorCode.InvalidCsv, `Line ${line}: invalid CSV: ${invalidBytes.message}`, { row: line, cause: invalidBytes });
      } else if (chunk === undefined) parser.end();
    } catch (error) {
      failure = error;
    }
    // the records completed before the failure still come first
    yield* records.take(parser);
    if (failure !== undefined) throw failure;
    watch.check();
  }
  await watch.settle();
}

// --- internal ---

/** The options of `fromCsv` with their defaults, as checked by {@link checkOptions}. */
export type CheckedOptions = {
  readonly [K in 'delimiter' | 'quote' | 'encoding' | 'headers' | 'skipEmpty' | 'maxFieldBytes' | 'invalid']-?: NonNullable<FromCsvOptions[K]>;
} & Pick<FromCsvOptions, 'onHeaders' | 'onWarning'>;

/**
 * Checks every option at the call (the values are as given: plain-JS callers pass anything).
 * @param legacy - Whether encodings other than UTF-8 and UTF-16 can be read (iconv-lite: the Node entry).
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the option.
 */
export function checkOptions(
  { delimiter, quote, encoding, headers, skipEmpty, maxFieldBytes, invalid, onHeaders, onWarning }: CheckedOptions,
  legacy: boolean,
): void {
  if (typeof delimiter !== 'string' || delimiter.length !== 1) throw invalidOption('delimiter', 'one character', delimiter);
  if (typeof quote !== 'string' || quote.length !== 1) throw invalidOption('quote', 'one character', quote);
  if (quote === delimiter || quote === '\r' || quote === '\n') throw invalidOption('quote', 'a character other than the delimiter and line ends', quote);
  if (delimiter === '\r' || delimiter === '\n') throw invalidOption('delimiter', 'a character other than a line end', delimiter);
  // Checked at the call against iconv-lite's list of names; iconv-lite itself (CommonJS) loads at the first read.
  if (typeof encoding !== 'string' || !encodingExists(encoding)) throw invalidOption('encoding', 'an encoding iconv-lite knows', encoding);
  if (!legacy && !isUnicode(encoding)) {
    throw invalidOption(
      'encoding',
      `${WEB_ENCODINGS} in rowport/web`,
      encoding,
      "Other encodings need iconv-lite, which needs Node's Buffer: read them with the 'rowport' entry (Node, Deno, Bun)",
    );
  }
  if (!(typeof headers === 'boolean' || (Array.isArray(headers) && headers.every((h) => typeof h === 'string')))) {
    throw invalidOption('headers', 'true or an array of names', headers);
  }
  if (headers === false) throw invalidOption('headers', 'true or an array of names (rows are objects)', headers);
  if (Array.isArray(headers) && new Set(headers.filter((h) => h !== '')).size !== headers.filter((h) => h !== '').length) {
    throw invalidOption('headers', 'names that differ from each other', headers);
  }
  if (typeof skipEmpty !== 'boolean') throw invalidOption('skipEmpty', 'a boolean', skipEmpty);
  if (!(maxFieldBytes === Infinity || (Number.isSafeInteger(maxFieldBytes) && maxFieldBytes > 0))) {
    throw invalidOption('maxFieldBytes', 'a whole number above 0, or Infinity', maxFieldBytes);
  }
  if (invalid !== 'error' && invalid !== 'replace') throw invalidOption('invalid', "'error' or 'replace'", invalid);
  if (invalid === 'error' && !canCheckInvalid(encoding)) {
    throw invalidOption('invalid', `'replace' for encoding ${encoding}`, invalid, `${encoding} can encode U+FFFD, so invalid bytes cannot be told from it`);
  }
  if (onHeaders !== undefined && typeof onHeaders !== 'function') throw invalidOption('onHeaders', 'a function', onHeaders);
  if (onWarning !== undefined && typeof onWarning !== 'function') throw invalidOption('onWarning', 'a function', onWarning);
}

const UTF8 = /* @__PURE__ */ new TextEncoder();

/**
 * The input's chunks as bytes (Buffers are Uint8Arrays; strings, text already, as their UTF-8, so only
 * with a UTF-8 `encoding`), then `undefined` once at the end; read failures become RowportErrors.
 * A chunk past {@link PIECE_BYTES} (a whole Buffer) comes in pieces, so its rows are parsed as they are read.
 */
async function* readChunks(
  bytes: AsyncIterable<unknown> | Iterable<unknown>,
  path: string | undefined,
  encoding: string,
): AsyncGenerator<Uint8Array | undefined> {
  const strings = isUtf8(encoding);
  try {
    for await (const chunk of bytes) {
      if (chunk instanceof Uint8Array) yield* pieces(chunk);
      else if (typeof chunk === 'string' && strings) yield* pieces(UTF8.encode(chunk));
      else throw typeof chunk === 'string' ? textNotBytes(encoding) : notBytes(chunk);
    }
  } catch (error) {
    if (error instanceof RowportError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') {
      throw new RowportError(RowportErrorCode.InvalidSource, `Cannot read CSV file ${path}: ${reason}`, { cause: error });
    }
    throw new RowportError(RowportErrorCode.SourceFailed, `Cannot read CSV input${path === undefined ? '' : ` ${path}`}: ${reason}`, { cause: error });
  }
  yield undefined;
}

/** The most bytes parsed at once: the records of a piece are made before the first of them is read. */
const PIECE_BYTES = 64 * 1024;

/** `bytes` in pieces of at most {@link PIECE_BYTES} (views, not copies). */
function* pieces(bytes: Uint8Array): Generator<Uint8Array> {
  if (bytes.length <= PIECE_BYTES) {
    yield bytes;
    return;
  }
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) yield bytes.subarray(at, at + PIECE_BYTES);
}

/** The warning for bytes read as U+FFFD on `line`. */
function replacedWarning(line: number, encoding: string): RowportWarning {
  return {
    code: RowportWarningCode.InvalidBytes,
    message: `Line ${line}: bytes that are not valid ${encoding} were read as U+FFFD (\uFFFD); pass the input's encoding, or invalid: 'error' to refuse them`,
    line,
  };
}

/** A string chunk read with an encoding other than UTF-8: a string is text already, not that encoding's bytes. */
function textNotBytes(encoding: string): RowportError {
  return new RowportError(
    RowportErrorCode.InvalidSource,
    `Invalid CSV input: a string chunk cannot be read as ${encoding}, as a string is text already; pass the input's bytes (Buffers), or leave encoding at 'utf-8'`,
  );
}

/** A chunk of the input that is not bytes: an object-mode stream of rows, say, which is for `toCsv`. */
function notBytes(chunk: unknown): RowportError {
  return new RowportError(
    RowportErrorCode.InvalidSource,
    `Invalid CSV input: expected a stream of bytes (Buffers or strings), got a chunk that is ${describe(chunk)}; to write rows as CSV, pass them to toCsv`,
  );
}

/** Turns parsed records into row objects keyed by the header. */
class Records {
  private keys: readonly string[] | undefined;
  /** The header's order of the keys, when a row object's would not keep it (`2023` before `country`). */
  private order: readonly string[] | undefined;
  /** The positions of the unnamed (`''`) columns when there are several, which share the key `''`. */
  private unnamed: number[] | undefined;

  constructor(
    given: readonly string[] | undefined,
    private readonly onHeaders: ((headers: readonly string[]) => void) | undefined,
    private readonly watch: CallbackWatch,
  ) {
    if (given !== undefined) this.setKeys(given, 1);
  }

  *take(parser: CsvParser): Generator<Record<string, string>> {
    const { records, lines } = parser;
    for (let r = 0; r < records.length; r++) {
      const fields = records[r]!;
      const keys = this.keys;
      if (keys === undefined) {
        this.setKeys(fields, lines[r]!);
        continue;
      }
      if (this.unnamed !== undefined) this.checkUnnamed(fields, lines[r]!);
      const row: Record<string, string> = {};
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const value = fields[i] ?? '';
        if (key === '__proto__') Object.defineProperty(row, key, { value, enumerable: true, writable: true, configurable: true });
        else row[key] = value;
      }
      if (this.order !== undefined) keepKeyOrder(row, this.order);
      yield row;
    }
    records.length = 0;
    lines.length = 0;
  }

  private setKeys(names: readonly string[], line: number): void {
    const seen = new Set<string>();
    for (const name of names) {
      if (name !== '' && seen.has(name)) {
        throw new RowportError(RowportErrorCode.InvalidCsv, `Line ${line}: invalid CSV: the header names ${JSON.stringify(name)} twice`, { row: line });
      }
      seen.add(name);
    }
    this.keys = names;
    this.order = lostKeyOrder([...new Set(names)]);
    const unnamed = names.flatMap((name, i) => (name === '' ? [i] : []));
    this.unnamed = unnamed.length > 1 ? unnamed : undefined;
    if (this.onHeaders !== undefined) callUser('onHeaders', this.onHeaders, names, this.watch);
  }

  /**
   * Unnamed columns may come several times (a spreadsheet's empty columns past the data), but only
   * empty: they share the key `''`, where one value would silently replace the other.
   * @throws {RowportError} `ROWPORT_INVALID_CSV` for a value in one of them.
   */
  private checkUnnamed(fields: readonly string[], line: number): void {
    for (const i of this.unnamed!) {
      if (fields[i] === undefined || fields[i] === '') continue;
      throw new RowportError(
        RowportErrorCode.InvalidCsv,
        `Line ${line}: invalid CSV: columns ${this.unnamed!.map((c) => c + 1).join(', ')} have no name in the header and would share the key '', ` +
          `but column ${i + 1} holds a value; name them (or pass headers)`,
        { row: line },
      );
    }
  }
}

/** The keys of `fromCsv` options; see `ownOptions`. */
const FROM_CSV_KEYS = optionKeys<FromCsvOptions>({
  delimiter: true,
  quote: true,
  encoding: true,
  headers: true,
  skipEmpty: true,
  maxFieldBytes: true,
  invalid: true,
  onHeaders: true,
  onWarning: true,
});
