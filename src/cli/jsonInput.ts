import { TokenParser, TokenType, Tokenizer } from '@streamparser/json';
import { RowportError, RowportErrorCode, describe } from '../errors.js';
import { exactDouble } from '../writer/numbers.js';

/** Remembers the input line each recent row started on, to point data errors at the input. */
export class RowLines {
  private readonly lines = new Float64Array(RING);
  private count = 0;

  /** Records the line of the next row. */
  push(line: number): void {
    this.lines[this.count % RING] = line;
    this.count++;
  }

  /** Line of row `index` (0-based), if it is recent enough to be remembered. */
  lineOf(index: number): number | undefined {
    return index >= 0 && index < this.count && index >= this.count - RING ? this.lines[index % RING] : undefined;
  }
}

/**
 * Called for a number of row `row` (0-based) that a double cannot hold and that is not an integer,
 * which the row holds as its source text (`'1.5e400'`) where `path` leads: `['total']` for a
 * member of the row (`['2']` at a position of an array row), `['order', 'amount']` for a nested
 * value. A string it returns replaces that text in the row (`'1,5e400'` for a decimal comma).
 */
export type NumberAsText = (row: number, path: readonly string[], text: string) => string | undefined;

/**
 * Rows of a JSON array, parsed as a stream with `@streamparser/json`: one element at a time,
 * never the whole document. A number a double cannot hold exactly is kept exact: an integer as a
 * bigint (`9223372036854775807n`), any other as its source text (`'1.5e400'`, not `Infinity`).
 * An empty input is zero rows.
 * @param text - The input as text chunks.
 * @param onText - Told of each number kept as its source text.
 * @throws {RowportError} `ROWPORT_INVALID_JSON` with `row` = the 1-based line of the problem.
 */
export async function* jsonArrayRows(text: AsyncIterable<string>, rowLines: RowLines, onText?: NumberAsText): AsyncGenerator<object, void, undefined> {
  const tokenizer = new ExactTokenizer();
  const numbers = onText === undefined ? undefined : new TextNumbers(2, onText);
  const parser = new TokenParser({ paths: ['$.*'], keepStack: false });
  let line = 1;
  let depth = 0;
  let elementLine = 1;
  let elementStart = 0; // the offset of the element's `{` or `[`, in bytes
  let started = false;
  let ready: object[] = [];
  tokenizer.onToken = (token) => {
    if (!started) {
      if (token.token !== TokenType.LEFT_BRACKET) {
        throw invalidJson(
          line,
          `expected a JSON array of rows, got ${token.token === TokenType.LEFT_BRACE ? 'an object (for one object per line, use --from ndjson)' : String(token.value)}`,
        );
      }
      started = true;
    }
    // The line each element of the array starts on (its `{` or `[`), not the one it ends on.
    if (token.token === TokenType.LEFT_BRACE || token.token === TokenType.LEFT_BRACKET) {
      if (depth === 1) {
        elementLine = line;
        elementStart = token.offset;
      }
      depth++;
    } else if (token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET) depth--;
    else if (depth === 1 && token.token !== TokenType.COMMA) elementLine = line;
    if (depth > 1 && token.offset - elementStart > MAX_JSON_ROW_BYTES) throw rowTooLong(elementLine, 'an element of the array');
    numbers?.token(token.token, token.value);
    parser.write(token);
  };
  parser.onValue = ({ value }) => {
    if (value === null || typeof value !== 'object')
      throw invalidJson(elementLine, `expected each element to be an object or an array, got ${describe(value)}`);
    rowLines.push(elementLine);
    numbers?.rowEnd(value);
    ready.push(value);
  };
  const feed = (piece: string): void => {
    try {
      tokenizer.write(piece);
    } catch (error) {
      throw asJsonError(error, line);
    }
  };
  for await (const chunk of text) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      feed(chunk.slice(start, nl + 1));
      line++;
      start = nl + 1;
    }
    if (start < chunk.length) feed(chunk.slice(start));
    if (ready.length > 0) {
      const rows = ready;
      ready = [];
      yield* rows;
    }
  }
  try {
    tokenizer.end();
  } catch (error) {
    throw asJsonError(error, line);
  }
  if (started && !parser.isEnded) throw invalidJson(line, 'unexpected end of input: the array is not closed');
  yield* ready;
}

/**
 * Rows of NDJSON (JSON Lines): one object or array a line; blank lines are skipped.
 * @throws {RowportError} `ROWPORT_INVALID_JSON` with `row` = the 1-based line.
 */
export async function* ndjsonRows(text: AsyncIterable<string>, rowLines: RowLines, onText?: NumberAsText): AsyncGenerator<object, void, undefined> {
  let line = 0;
  let rest = '';
  const numbers = onText === undefined ? undefined : new TextNumbers(1, onText);
  const parseLine = (source: string): object | undefined => {
    line++;
    const trimmed = source.trim();
    if (trimmed === '') return undefined;
    let value: unknown;
    try {
      value = MAYBE_INEXACT.test(trimmed) ? parseExact(trimmed, numbers) : JSON.parse(trimmed);
    } catch (error) {
      throw asJsonError(error, line);
    }
    if (value === null || typeof value !== 'object') throw invalidJson(line, `expected an object or an array, got ${describe(value)}`);
    rowLines.push(line);
    numbers?.rowEnd(value);
    return value;
  };
  for await (const chunk of text) {
    const rows: object[] = [];
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const row = parseLine(rest + chunk.slice(start, nl));
      rest = '';
      if (row !== undefined) rows.push(row);
      start = nl + 1;
    }
    rest += chunk.slice(start);
    yield* rows;
    if (rest.length > MAX_JSON_ROW_BYTES) throw rowTooLong(line + 1, 'a line');
  }
  const last = parseLine(rest);
  if (last !== undefined) yield last;
}

/**
 * The longest row of JSON input, in bytes (an NDJSON line in UTF-16 code units, never more than its
 * bytes): 16 MiB, the default longest field of CSV input (`maxFieldBytes`). A row is parsed whole,
 * so an input without an end to its row (a gzip bomb of `[0,0,0,…`) is refused at this size
 * instead of growing one array until the process runs out of memory.
 */
export const MAX_JSON_ROW_BYTES = 16 * 1024 * 1024;

// --- internal ---

/** Rows remembered for {@link RowLines}: more than a writer reads ahead. */
const RING = 8192;

/**
 * A line that may hold a number a double cannot hold exactly: a value (after `:`, `,` or `[`)
 * of 16+ digits, a dot among them, or with an exponent. Other lines take the faster `JSON.parse`;
 * a false hit (such text inside a string) only costs time, while a UUID like "550e8400…" is no hit.
 */
const MAYBE_INEXACT = /[:,[]\s*-?(?:[\d.]{16}|[\d.]+[eE])/;

/**
 * Numbers whose digits a double holds are numbers; other integers become bigints and other
 * numbers their source text, which the writers keep exact (CSV) or as exact text (XLSX).
 */
class ExactTokenizer extends Tokenizer {
  constructor() {
    super();
    keepByteOrderMarks(this);
  }

  protected override parseNumber(text: string): number {
    const number = exactDouble(text);
    if (number !== undefined) return number;
    return (/^-?\d+$/.test(text) ? BigInt(text) : text) as unknown as number;
  }
}

/**
 * Finds, from the tokens, the values of each row that are numbers kept as their text (a NUMBER
 * token whose value is a string), with their path of keys (or positions, in arrays) from the row
 * down (`['total']`, `['order', 'amount']`), and tells {@link NumberAsText} at the end of the row.
 * A few comparisons per token; nothing is allocated for a row without one, beyond a slot for each
 * level of nesting the first time it is seen.
 */
class TextNumbers {
  private depth = 0;
  private row = 0;
  /** Per level of nesting inside the row (0: the row's own members): an array?, its position, its current key, a key expected next? */
  private readonly arrays: boolean[] = [];
  private readonly positions: number[] = [];
  private readonly keys: string[] = [];
  private readonly expectKeys: boolean[] = [];
  private found: [string[], string][] | undefined;

  /** @param members - The depth of a row's members: 2 in a JSON array of rows, 1 in NDJSON. */
  constructor(
    private readonly members: number,
    private readonly onText: NumberAsText,
  ) {}

  token(type: TokenType, value: unknown): void {
    const level = this.depth - this.members; // of the value this token is in: -1 outside any row
    if (type === TokenType.LEFT_BRACE || type === TokenType.LEFT_BRACKET) {
      if (level >= -1) {
        const array = type === TokenType.LEFT_BRACKET;
        this.arrays[level + 1] = array;
        this.positions[level + 1] = 0;
        this.expectKeys[level + 1] = !array;
      }
      this.depth++;
    } else if (type === TokenType.RIGHT_BRACE || type === TokenType.RIGHT_BRACKET) {
      this.depth--;
    } else if (level >= 0) {
      if (type === TokenType.COMMA) {
        if (this.arrays[level]) this.positions[level]!++;
        else this.expectKeys[level] = true;
      } else if (type === TokenType.STRING && this.expectKeys[level]) {
        this.keys[level] = value as string;
        this.expectKeys[level] = false;
        if (this.found !== undefined) this.forget(this.path(level));
      } else if (type === TokenType.NUMBER && typeof value === 'string') {
        (this.found ??= []).push([this.path(level), value]);
      }
    }
  }

  /** Row `value` is complete: report what it kept as text, and put in the text {@link NumberAsText} gives back. */
  rowEnd(value: object): void {
    const found = this.found;
    const row = this.row++;
    if (found === undefined) return;
    this.found = undefined;
    for (const [path, text] of found) {
      const replaced = this.onText(row, path, text);
      if (replaced !== undefined) replaceText(value, path, text, replaced);
    }
  }

  /** The keys (positions in arrays) from the row down to the current value at `level`. */
  private path(level: number): string[] {
    const path: string[] = [];
    for (let l = 0; l <= level; l++) path.push(this.arrays[l] ? String(this.positions[l]) : (this.keys[l] as string));
    return path;
  }

  /** A key seen again in its object: its later value wins, so the numbers found under the earlier one are no longer the row's. */
  private forget(path: readonly string[]): void {
    const found = (this.found ?? []).filter(([p]) => p.length < path.length || path.some((key, i) => p[i] !== key));
    this.found = found.length === 0 ? undefined : found;
  }
}

/** Puts `replaced` where `path` leads in `row`, when `text` is still what is there (own properties only). */
function replaceText(row: object, path: readonly string[], text: string, replaced: string): void {
  let holder: unknown = row;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string;
    holder = typeof holder === 'object' && holder !== null && Object.hasOwn(holder, key) ? Reflect.get(holder, key) : undefined;
  }
  const key = path[path.length - 1] as string;
  if (typeof holder === 'object' && holder !== null && Object.hasOwn(holder, key) && Reflect.get(holder, key) === text) {
    Reflect.defineProperty(holder, key, { value: replaced, writable: true, enumerable: true, configurable: true });
  }
}

/**
 * Makes the tokenizer keep U+FEFF in strings. It decodes each run of a string's characters (and
 * each `\uXXXX` escape) with `new TextDecoder('utf-8', { fatal: true })`, which drops a U+FEFF at
 * the start of what it decodes as a byte order mark: `"\uFEFFx"` read as `"x"`. The same decoder
 * with `ignoreBOM: true` keeps it. A test reads such strings back, should the tokenizer change.
 */
function keepByteOrderMarks(tokenizer: Tokenizer): void {
  const strings: unknown = Reflect.get(tokenizer, 'bufferedString');
  if (typeof strings === 'object' && strings !== null && Reflect.get(strings, 'decoder') instanceof TextDecoder) {
    Reflect.set(strings, 'decoder', new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }));
  }
}

/** Parses one JSON document with the streaming parser, keeping every number exact; its tokens go to `numbers`. */
function parseExact(text: string, numbers: TextNumbers | undefined): unknown {
  const tokenizer = new ExactTokenizer();
  const parser = new TokenParser({ paths: ['$'] });
  let result: unknown;
  tokenizer.onToken = (token) => {
    numbers?.token(token.token, token.value);
    parser.write(token);
  };
  parser.onValue = ({ value }) => {
    result = value;
  };
  tokenizer.write(text);
  tokenizer.end();
  if (!parser.isEnded) throw new Error('unexpected end of JSON input');
  return result;
}

/** `ROWPORT_INVALID_JSON` for a row past {@link MAX_JSON_ROW_BYTES}, starting on `line`. */
function rowTooLong(line: number, what: string): RowportError {
  return invalidJson(line, `${what} is longer than ${MAX_JSON_ROW_BYTES} bytes, the most one row may take`);
}

function invalidJson(line: number, reason: string): RowportError {
  return new RowportError(RowportErrorCode.InvalidJson, `Line ${line}: invalid JSON: ${reason}`, { row: line });
}

function asJsonError(error: unknown, line: number): RowportError {
  if (error instanceof RowportError) return error;
  const reason = (error instanceof Error ? error.message : String(error)).replace(/ at chunk position "\d+" \(absolute position "\d+"\)/, '');
  return new RowportError(RowportErrorCode.InvalidJson, `Line ${line}: invalid JSON: ${reason}`, { row: line, cause: error });
}
