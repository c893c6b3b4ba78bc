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
 * which the row holds as its source text (`'1.5e400'`) under `key`; top-level values only. A string
 * it returns replaces that text in the row (`'1,5e400'` for a decimal comma).
 */
export type NumberAsText = (row: number, key: string, text: string) => string | undefined;

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
      if (depth === 1) elementLine = line;
      depth++;
    } else if (token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET) depth--;
    else if (depth === 1 && token.token !== TokenType.COMMA) elementLine = line;
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
  }
  const last = parseLine(rest);
  if (last !== undefined) yield last;
}

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
 * Finds, from the tokens, the members of each row that are numbers kept as their text (a NUMBER
 * token whose value is a string), with their key (or position, in an array row), and tells
 * {@link NumberAsText} at the end of the row. Only a row's own members count: a nested value is
 * written as JSON text anyway. A few comparisons per token; nothing is allocated for a row without one.
 */
class TextNumbers {
  private depth = 0;
  private row = 0;
  private arrayRow = false;
  private position = 0;
  private key = '';
  private expectKey = false;
  private found: [string, string][] | undefined;

  /** @param members - The depth of a row's members: 2 in a JSON array of rows, 1 in NDJSON. */
  constructor(
    private readonly members: number,
    private readonly onText: NumberAsText,
  ) {}

  token(type: TokenType, value: unknown): void {
    if (type === TokenType.LEFT_BRACE || type === TokenType.LEFT_BRACKET) {
      if (this.depth === this.members - 1) {
        this.arrayRow = type === TokenType.LEFT_BRACKET;
        this.position = 0;
        this.expectKey = !this.arrayRow;
      }
      this.depth++;
    } else if (type === TokenType.RIGHT_BRACE || type === TokenType.RIGHT_BRACKET) {
      this.depth--;
    } else if (this.depth === this.members) {
      if (type === TokenType.COMMA) {
        if (this.arrayRow) this.position++;
        else this.expectKey = true;
      } else if (type === TokenType.STRING && this.expectKey) {
        this.key = value as string;
        this.expectKey = false;
        if (this.found !== undefined) this.forget(this.key);
      } else if (type === TokenType.NUMBER && typeof value === 'string') {
        (this.found ??= []).push([this.arrayRow ? String(this.position) : this.key, value]);
      }
    }
  }

  /** Row `value` is complete: report what it kept as text, and put in the text {@link NumberAsText} gives back. */
  rowEnd(value: object): void {
    const found = this.found;
    const row = this.row++;
    if (found === undefined) return;
    this.found = undefined;
    for (const [key, text] of found) {
      const replaced = this.onText(row, key, text);
      if (replaced !== undefined && Object.hasOwn(value, key) && Reflect.get(value, key) === text) {
        Reflect.defineProperty(value, key, { value: replaced, writable: true, enumerable: true, configurable: true });
      }
    }
  }

  /** A key seen again in the row: its later value wins, so an earlier number under it is no longer the row's. */
  private forget(key: string): void {
    const found = (this.found ?? []).filter(([k]) => k !== key);
    this.found = found.length === 0 ? undefined : found;
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

function invalidJson(line: number, reason: string): RowportError {
  return new RowportError(RowportErrorCode.InvalidJson, `Line ${line}: invalid JSON: ${reason}`, { row: line });
}

function asJsonError(error: unknown, line: number): RowportError {
  if (error instanceof RowportError) return error;
  const reason = (error instanceof Error ? error.message : String(error)).replace(/ at chunk position "\d+" \(absolute position "\d+"\)/, '');
  return new RowportError(RowportErrorCode.InvalidJson, `Line ${line}: invalid JSON: ${reason}`, { row: line, cause: error });
}
