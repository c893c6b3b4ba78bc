import { invalidOption } from '../errors.js';
import { type ResolvedWriterOptions, checkBoolean, resolveWriterOptions } from '../writer/writerOptions.js';
import type { WriterOptions } from '../types.js';
import { type LegacyCodecs, type TextEncoder, createEncoder } from './encode.js';
import { type FieldQuoter, compileQuoter } from './quote.js';
import type { WarningHandler } from '../warnings.js';
import { WRITER_OPTION_KEYS, optionKeys, ownOptions, ownProperties } from '../base/optionKeys.js';

/**
 * zlib options of `toCsv({ gzip })` on Node, passed to `zlib.createGzip` as they are (the fields of
 * Node's `ZlibOptions` that matter to gzip; declared here so that no type of rowport needs `@types/node`).
 * @example toCsv(rows, { gzip: { level: 9 } })
 */
export interface GzipOptions {
  /** Compression level, 0 (none) to 9 (smallest); -1 is zlib's default (6). */
  readonly level?: number | undefined;
  /** Memory of the compressor, 1 to 9 (zlib's default: 8). */
  readonly memLevel?: number | undefined;
  /** A `zlib.constants.Z_*` strategy. */
  readonly strategy?: number | undefined;
  /** Window size, 9 to 15 (as a power of two; zlib's default: 15). */
  readonly windowBits?: number | undefined;
  /** Output chunk size in bytes (zlib's default: 16,384). */
  readonly chunkSize?: number | undefined;
}

/** Options of `toCsv`. */
export interface ToCsvOptions<T = Record<string, unknown>> extends WriterOptions<T> {
  /** Field separator, one or more characters.
   *  @default ',' (a TAB for utf-16, which is what Excel splits a Unicode text file on) */
  readonly delimiter?: string | undefined;
  /** Quote character.
   *  @default '"' */
  readonly quote?: string | undefined;
  /** Line ending after every row.
   *  @default '\r\n' */
  readonly lineEnding?: '\r\n' | '\n' | '\r' | undefined;
  /** Quote every field, not only those that need it.
   *  @default false */
  readonly quoteAll?: boolean | undefined;
  /** Any iconv-lite encoding: 'utf-8', 'utf-16le', 'windows-1251', 'shift_jis', …
   *  @default 'utf-8' */
  readonly encoding?: string | undefined;
  /** Write a byte order mark first, so that Excel detects the encoding. Only UTF-8 and UTF-16 have one:
   *  for other encodings nothing is written either way.
   *  @default true for utf-8 and utf-16, false for every other encoding */
  readonly bom?: boolean | undefined;
  /** What to do with a character the encoding cannot hold: fail with `ROWPORT_UNMAPPABLE_CHARACTER`
   *  naming row and column, or write `?` (U+FFFD for a lone surrogate in UTF-8 and UTF-16).
   *  @default 'error' */
  readonly unmappable?: 'error' | 'replace' | undefined;
  /** Prefix `'` to text a spreadsheet would run as a formula (`= + - @` …), OWASP's advice.
   *  @default true */
  readonly escapeFormulas?: boolean | undefined;
  /** Compress the output with gzip; an object passes zlib options (e.g. `{ level: 9 }`).
   *  @default false */
  readonly gzip?: boolean | GzipOptions | undefined;
  /** Decimal separator of numbers: `','` is what Excel reads as a number in Germany, France and
   *  most of Europe. It applies to JS numbers and to the numeric strings of `integer`, `decimal`
   *  and `percent` columns; other text is written as it is. It cannot be part of the delimiter
   *  or the quote.
   *  @default '.' (',' with `dialect: 'excel-eu'`) */
  readonly decimalSeparator?: '.' | ',' | undefined;
  /** A preset of options for a spreadsheet locale. `'excel-eu'`: `;` delimiter, `,` decimal
   *  separator, `eu` dates (`dd.MM.yyyy`) and a BOM, which European Excel opens as columns of
   *  numbers and dates. Options given explicitly override the preset's.
   *  @default undefined (RFC 4180: `,` and `.`) */
  readonly dialect?: 'excel-eu' | undefined;
  /** Receives warnings; for CSV, `ROWPORT_UNKNOWN_COLUMN`: a key of `columns` on none of the rows,
   *  reported once per key at the end. What it throws, or a promise it returns that rejects, stops
   *  the export as `ROWPORT_CALLBACK_FAILED`.
   *  @example toCsv(untypedRows, { columns: ['id', 'nmae'], onWarning: (w) => console.warn(w.code, w.column, w.message) }) // typed rows: a compile error already */
  readonly onWarning?: WarningHandler | undefined;
}

/** {@link ToCsvOptions} checked and defaulted once, with the quoting compiled. */
export interface ResolvedCsvOptions<T> extends ResolvedWriterOptions<T> {
  readonly delimiter: string;
  readonly quote: string;
  readonly lineEnding: string;
  readonly quoteAll: boolean;
  readonly encoder: TextEncoder;
  readonly bom: boolean;
  readonly unmappable: 'error' | 'replace';
  readonly escapeFormulas: boolean;
  readonly gzip: GzipOptions | undefined;
  readonly decimalSeparator: '.' | ',';
  readonly quoteField: FieldQuoter;
  readonly onWarning: WarningHandler | undefined;
}

const LINE_ENDINGS = ['\r\n', '\n', '\r'];

/** The options each `dialect` presets; explicit options win. */
export const CSV_DIALECTS = {
  // No `bom` here: UTF-8 and UTF-16 have one by default, and other encodings have none to write.
  'excel-eu': { delimiter: ';', decimalSeparator: ',', dateFormat: 'eu' },
} as const satisfies Record<string, Partial<ToCsvOptions>>;

/**
 * Checks and defaults every `toCsv` option once.
 * @param legacy - iconv-lite for encodings other than UTF-8 and UTF-16 (the Node entry's); without it they are refused.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the option.
 */
export function resolveCsvOptions<T>(given: ToCsvOptions<T>, legacy?: LegacyCodecs): ResolvedCsvOptions<T> {
  const options = withDialect(ownOptions(given, TO_CSV_KEYS)); // own properties only, in a copy
  const shared = resolveWriterOptions(options);
  const { encoding = 'utf-8' } = options;
  const encoder = createEncoder(encoding, legacy);
  const {
    delimiter = encoder.name.startsWith('utf-16') ? '\t' : ',',
    quote = '"',
    lineEnding = '\r\n',
    quoteAll = false,
    bom = encoder.unicode,
    unmappable = 'error',
    escapeFormulas = true,
    gzip = false,
    decimalSeparator = '.',
    onWarning,
  } = options;
  if (onWarning !== undefined && typeof onWarning !== 'function') throw invalidOption('onWarning', 'a function', onWarning);
  if (typeof delimiter !== 'string' || delimiter === '' || /[\r\n]/.test(delimiter) || !delimiter.isWellFormed()) {
    throw invalidOption('delimiter', 'a non-empty string without CR, LF or a lone surrogate', delimiter);
  }
  // A delimiter holding the default quote is the delimiter's fault: the caller gave no quote.
  if (options.quote === undefined && delimiter.includes('"'))
    throw invalidOption('delimiter', 'a string without the quote character `"` (or another `quote`)', delimiter);
  if (typeof quote !== 'string' || quote.length !== 1 || /[\r\n\uD800-\uDFFF]/.test(quote) || delimiter.includes(quote)) {
    throw invalidOption('quote', 'one character, not CR, LF, a lone surrogate or part of the delimiter', quote);
  }
  if (!LINE_ENDINGS.includes(lineEnding)) throw invalidOption('lineEnding', "'\\r\\n', '\\n' or '\\r'", lineEnding);
  checkBoolean('quoteAll', quoteAll);
  checkBoolean('bom', bom);
  checkBoolean('escapeFormulas', escapeFormulas);
  if (unmappable !== 'error' && unmappable !== 'replace') throw invalidOption('unmappable', "'error' or 'replace'", unmappable);
  if (decimalSeparator !== '.' && decimalSeparator !== ',') throw invalidOption('decimalSeparator', "'.' or ','", decimalSeparator);
  if (delimiter.includes(decimalSeparator) || quote === decimalSeparator) {
    throw invalidOption(
      'decimalSeparator',
      'a character that is not part of the delimiter or the quote',
      decimalSeparator,
      "With decimalSeparator ',', use delimiter ';' (or dialect: 'excel-eu')",
    );
  }
  if (typeof gzip !== 'boolean' && (gzip === null || typeof gzip !== 'object')) throw invalidOption('gzip', 'true, false or zlib options', gzip);
  return {
    ...shared,
    delimiter,
    quote,
    lineEnding,
    quoteAll,
    encoder,
    // Encodings other than UTF-8 and UTF-16 have no BOM: `bom: true` writes none there, so the
    // SYLK guard (quoting a first `ID` field, needed without a BOM) must stay on.
    bom: bom && encoder.bom.length > 0,
    unmappable,
    escapeFormulas,
    gzip: gzip === true ? ownProperties({}) : gzip === false ? undefined : ownProperties(gzip), // zlib reads its options too
    decimalSeparator,
    // UTF-8 holds every character but a lone surrogate, which the quote test refuses on the way.
    quoteField: compileQuoter(delimiter, quote, quoteAll, encoder.name === 'utf-8' && unmappable === 'error'),
    onWarning,
  };
}

// --- internal ---

/** The keys of `toCsv` options; see `ownOptions`. */
const TO_CSV_KEYS = optionKeys<ToCsvOptions>({
  ...WRITER_OPTION_KEYS,
  delimiter: true,
  quote: true,
  lineEnding: true,
  quoteAll: true,
  encoding: true,
  bom: true,
  unmappable: true,
  escapeFormulas: true,
  gzip: true,
  decimalSeparator: true,
  dialect: true,
  onWarning: true,
});

/** The (own) options with the dialect's presets filled in where an option is not given (or undefined). */
function withDialect<T>(options: ToCsvOptions<T>): ToCsvOptions<T> {
  if (options.dialect === undefined) return options;
  const { dialect } = options;
  if (typeof dialect !== 'string' || !Object.hasOwn(CSV_DIALECTS, dialect)) {
    throw invalidOption(
      'dialect',
      Object.keys(CSV_DIALECTS)
        .map((d) => `'${d}'`)
        .join(' or '),
      dialect,
    );
  }
  const merged = ownProperties(options as Record<string, unknown>);
  for (const [key, value] of Object.entries(CSV_DIALECTS[dialect])) merged[key] ??= value;
  return merged as ToCsvOptions<T>;
}
