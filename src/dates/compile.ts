import { RowportError, RowportErrorCode, at, describe, invalidOption, isThenable, notAwaited } from '../errors.js';
import { Lazy } from '../util/lazy.js';
import { tokenizePattern } from './pattern.js';
import { type WallClock, Zone, fieldsOf, newWallClock } from './zone.js';

type Piece = string | ((f: WallClock) => string);

/** What rowport uses of date-fns: `format` and the zoned date it formats. */
export interface DateFns {
  readonly format: typeof import('date-fns/format').format;
  readonly TZDate: typeof import('@date-fns/tz/date').TZDate;
}

/**
 * date-fns, imported only for a pattern with tokens the compiled path lacks (`MMMM`, `do`, `EEE`…),
 * when the pattern is checked. Subpath imports: the package roots load every date-fns function.
 */
export const DATE_FNS = /* @__PURE__ */ new Lazy<DateFns>('date-fns', async () => {
  const [{ format }, { TZDate }] = await Promise.all([import('date-fns/format'), import('@date-fns/tz/date')]);
  return { format, TZDate };
});

/**
 * A date pattern compiled once for one time zone. Patterns made only of the common tokens
 * (`yyyy yy y MM M dd d HH H hh h mm m ss s SSS a` and literals) are rendered from wall-clock
 * fields without calling date-fns; any other pattern goes through date-fns `format`.
 */
export class DateRenderer {
  private readonly pieces: Piece[] | undefined;
  private readonly wall = newWallClock();
  /**
   * Texts by wall-clock day, for patterns of date tokens only (`iso`, `us`, `eu`…), whose text
   * depends on the day alone: exports repeat the same days, and this saves most of the work.
   */
  private readonly days: Map<number, string> | undefined;

  constructor(readonly pattern: string, readonly zone: Zone) {
    this.pieces = compile(pattern);
    if (this.pieces === undefined) void DATE_FNS.start(); // normally started already by checkPattern
    this.days = this.pieces?.every((p) => typeof p === 'string' || DAY_TOKENS.has(p)) ? new Map() : undefined;
  }

  /** Renders instant `ms` in the zone. */
  instant(ms: number): string {
    if (this.pieces === undefined) return withDateFns(ms, this.zone.timeZone, this.pattern);
    return this.renderWall(ms + this.zone.offset(ms));
  }

  /** Renders a calendar date (no zone involved, so it never shifts). */
  calendar(year: number, month: number, day: number): string {
    const wallMs = calendarMs(year, month, day);
    if (this.pieces === undefined) return withDateFns(wallMs, 'UTC', this.pattern);
    return this.renderWall(wallMs);
  }

  /** Renders a date value: a `Date`, epoch ms, or a `YYYY-MM-DD` (or ISO date-time) string. */
  value(value: unknown, row?: number, column?: string): string {
    const parsed = parseDateValue(value, row, column, this.zone);
    return typeof parsed === 'number' ? this.instant(parsed) : this.calendar(parsed.year, parsed.month, parsed.day);
  }

  /** True when rendering needs date-fns (the pattern has a token the compiled path lacks). */
  get needsDateFns(): boolean {
    return this.pieces === undefined;
  }

  /** Renders a wall-clock time (stored as if UTC) with the compiled pieces. */
  private renderWall(wallMs: number): string {
    const pieces = this.pieces as Piece[];
    if (this.days === undefined) return render(pieces, fieldsOf(wallMs, this.wall));
    const day = Math.floor(wallMs / MS_PER_DAY);
    let text = this.days.get(day);
    if (text === undefined) {
      text = render(pieces, fieldsOf(wallMs, this.wall));
      if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
      this.days.set(day, text);
    }
    return text;
  }
}

const MS_PER_DAY = 86_400_000;
/** The largest epoch milliseconds a `Date` can hold (ECMA-262 §21.4.1.1 Time Values). */
const MAX_EPOCH_MS = 8.64e15;
/** The largest UTC offset taken from a date-time string, in minutes: ±18:00, as java.time and Temporal. */
const MAX_OFFSET_MINUTES = 18 * 60;
const MAX_CACHED_DAYS = 4096;

/** A calendar date without a time zone. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}


/**
 * Reads a date value: an instant (epoch ms) from a `Date`, a number or an ISO date-time string,
 * or a calendar date from a `YYYY-MM-DD` string.
 * @throws {RowportError} `ROWPORT_INVALID_DATE`.
 */
export function parseDateValue(value: unknown, row?: number, column?: string, zone?: Zone): number | CalendarDate {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw invalidDate(value, row, column);
    return ms;
  }
  if (typeof value === 'number') {
    // A Date holds ±8.64e15 ms (±100,000,000 days); past that there is no date to write.
    if (!(Math.abs(value) <= MAX_EPOCH_MS)) throw invalidDate(value, row, column);
    return value;
  }
  if (typeof value === 'string') {
    const parsed = parseDateString(value, zone);
    if (parsed !== undefined) return parsed;
  }
  if (isThenable(value)) throw notAwaited(value, row, column);
  throw invalidDate(value, row, column);
}

/**
 * Checks a date pattern once: a preset name was already mapped, so this must be a date-fns pattern.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION`.
 */
export function checkPattern(pattern: string, option = 'dateFormat'): void {
  if (typeof pattern !== 'string' || pattern === '') {
    throw invalidOption(option, "'iso', 'us', 'eu', 'full' or a date-fns pattern", pattern);
  }
  // date-fns warns on the console before it throws for these; ask for the right tokens ourselves
  const unquoted = pattern.replace(/'[^']*'/g, '');
  if (/(?<!D)D{1,2}(?!D)|(?<!Y)(?:YYYY|YY)(?!Y)/.test(unquoted)) {
    throw invalidOption(option, "'iso', 'us', 'eu', 'full' or a valid date-fns pattern", pattern, "Did you mean 'yyyy-MM-dd'? date-fns uses yyyy and dd");
  }
  const problem = dateFnsProblem(pattern);
  if (problem !== undefined) throw invalidOption(option, "'iso', 'us', 'eu', 'full' or a valid date-fns pattern", pattern, problem);
  // the writers' streams wait for it before the first row; checked above without it
  if (compile(pattern) === undefined) void DATE_FNS.start();
}

// --- internal ---

function withDateFns(ms: number, timeZone: string, pattern: string): string {
  const { format, TZDate } = DATE_FNS.get();
  return format(new TZDate(ms, timeZone), pattern);
}

// date-fns 4 `format`'s tokenizers, its en-US long formats (`P`, `p`) and the letters it has
// formatters for: a pattern with any other unquoted Latin letter makes it throw this RangeError.
// test/dates/compile.test.ts compares the two on generated patterns.
const DATE_FNS_TOKEN = /[yYQqMLwIdDecihHKkms]o|(\w)\1*|''|'(''|[^'])+('|$)|./g;
const DATE_FNS_LONG_TOKEN = /P+p+|P+|p+|''|'(''|[^'])+('|$)|./g;
const DATE_FNS_LETTERS = new Set('GyYRuQqMLwIdDEeciabBhHKkmsSXxOztT');
const LONG_DATES = ['MM/dd/yyyy', 'MMM d, y', 'MMMM do, y', 'EEEE, MMMM do, y'];
const LONG_TIMES = ['h:mm a', 'h:mm:ss a', 'h:mm:ss a z', 'h:mm:ss a zzzz'];
const LONG_DATE_TIMES = ['{{date}}, {{time}}', '{{date}}, {{time}}', "{{date}} 'at' {{time}}", "{{date}} 'at' {{time}}"];

/** What date-fns `format` would throw for the pattern, without loading date-fns; undefined when nothing. */
function dateFnsProblem(pattern: string): string | undefined {
  const width = (run: string): number => Math.min(run.length, 4) - 1;
  const expanded = (pattern.match(DATE_FNS_LONG_TOKEN) ?? [])
    .map((token) => {
      if (token[0] === 'p') return LONG_TIMES[width(token)];
      if (token[0] !== 'P') return token;
      const [, date = '', time] = /(P+)(p+)?/.exec(token) ?? [];
      if (time === undefined) return LONG_DATES[width(token)];
      return (LONG_DATE_TIMES[width(date)] as string).replace('{{date}}', LONG_DATES[width(date)] as string).replace('{{time}}', LONG_TIMES[width(time)] as string);
    })
    .join('');
  for (const token of expanded.match(DATE_FNS_TOKEN) ?? []) {
    const first = token[0] as string;
    if (first === "'" || DATE_FNS_LETTERS.has(first)) continue;
    if (/[a-zA-Z]/.test(first)) return `Format string contains an unescaped latin alphabet character \`${first}\``;
  }
  return undefined;
}

/**
 * Reads `YYYY-MM-DD` (a calendar date) or an ISO 8601 date-time: `T` or a space, optional seconds
 * and a fraction of 1-9 digits, then `Z`, `±hh`, `±hhmm`, `±hh:mm` up to ±18:00 (psql writes `+00`) or no offset,
 * which means wall-clock time in `zone` (UTC without one). Undefined when it is neither, or not a
 * real date. By hand rather than by RegExp: date columns read it for every cell.
 */
function parseDateString(text: string, zone: Zone | undefined): number | CalendarDate | undefined {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digitsAt(text, 0, 4), month = digitsAt(text, 5, 7), day = digitsAt(text, 8, 10);
  if (year < 0 || month < 0 || day < 0 || !validDay(year, month, day)) return undefined;
  if (length === 10) return { year, month, day };
  const separator = text.charCodeAt(10);
  if ((separator !== 84 && separator !== 116 && separator !== 32) || text.charCodeAt(13) !== 58) return undefined;
  const hour = digitsAt(text, 11, 13), minute = digitsAt(text, 14, 16);
  let second = 0, ms = 0, at = 16;
  if (text.charCodeAt(at) === 58) {
    second = digitsAt(text, 17, 19);
    at = 19;
    const mark = text.charCodeAt(at);
    if (mark === 46 || mark === 44) {
      let end = at + 1;
      while (end < length && end - at <= 9 && isDigit(text.charCodeAt(end))) end++;
      if (end === at + 1) return undefined;
      ms = Number(text.slice(at + 1, Math.min(end, at + 4)).padEnd(3, '0')); // milliseconds: the first three digits
      at = end;
    }
  }
  if (!(hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60)) return undefined;
  while (text.charCodeAt(at) === 32) at++;
  const wallMs = calendarMs(year, month, day) + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
  if (at === length) return zone ? zone.toInstant(wallMs) : wallMs; // no offset: wall-clock time in the zone
  const sign = text.charCodeAt(at);
  if ((sign === 90 || sign === 122) && at + 1 === length) return wallMs; // Z
  if (sign !== 43 && sign !== 45) return undefined;
  const hours = digitsAt(text, at + 1, at + 3);
  let minutes = 0; // ±hh
  if (text.charCodeAt(at + 3) === 58 && at + 6 === length) minutes = digitsAt(text, at + 4, at + 6); // ±hh:mm
  else if (at + 5 === length) minutes = digitsAt(text, at + 3, at + 5); // ±hhmm
  else if (at + 3 !== length) return undefined;
  if (hours < 0 || minutes < 0 || minutes >= 60 || hours * 60 + minutes > MAX_OFFSET_MINUTES) return undefined;
  return wallMs - (sign === 45 ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** The number written by the ASCII digits `text[from, to)`, or -1. */
function digitsAt(text: string, from: number, to: number): number {
  if (to > text.length) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (DAYS_IN_MONTH[month - 1] as number) + (leap ? 1 : 0);
}

function calendarMs(year: number, month: number, day: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day);
  const d = new Date(0); // Date.UTC would read years 0-99 as 1900-1999
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function invalidDate(value: unknown, row?: number, column?: string): RowportError {
  const what = value instanceof Date ? 'an invalid Date' : describe(value);
  return new RowportError(
    RowportErrorCode.InvalidDate,
    `${at(row, column)}expected a valid Date, epoch milliseconds or a 'YYYY-MM-DD' string, got ${what}`,
    { row, column },
  );
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const padN = (n: number, width: number): string => {
  const s = `${Math.abs(n)}`;
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
};

const TOKENS: Record<string, (f: WallClock) => string> = {
  yyyy: (f) => padN(f.year, 4),
  yyy: (f) => padN(f.year, 3),
  yy: (f) => pad2(Math.abs(f.year) % 100),
  y: (f) => `${f.year}`,
  MM: (f) => pad2(f.month),
  M: (f) => `${f.month}`,
  dd: (f) => pad2(f.day),
  d: (f) => `${f.day}`,
  HH: (f) => pad2(f.hour),
  H: (f) => `${f.hour}`,
  hh: (f) => pad2(f.hour % 12 || 12),
  h: (f) => `${f.hour % 12 || 12}`,
  mm: (f) => pad2(f.minute),
  m: (f) => `${f.minute}`,
  ss: (f) => pad2(f.second),
  s: (f) => `${f.second}`,
  SSS: (f) => padN(f.millisecond, 3),
  a: (f) => (f.hour < 12 ? 'AM' : 'PM'),
  aa: (f) => (f.hour < 12 ? 'AM' : 'PM'),
};

/** The tokens whose text depends on the calendar day alone. */
const DAY_TOKENS = new Set<Piece>(['yyyy', 'yyy', 'yy', 'y', 'MM', 'M', 'dd', 'd'].map((token) => TOKENS[token] as Piece));

/** Splits a pattern into literal text and token renderers; undefined when a token is not covered. */
function compile(pattern: string): Piece[] | undefined {
  const pieces: Piece[] = [];
  let literal = '';
  for (const part of tokenizePattern(pattern)) {
    if (part.kind !== 'token') {
      literal += part.text;
      continue;
    }
    const fn = TOKENS[part.text];
    if (!fn) return undefined;
    if (literal) pieces.push(literal);
    literal = '';
    pieces.push(fn);
  }
  if (literal) pieces.push(literal);
  return pieces;
}

function render(pieces: Piece[], f: WallClock): string {
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as Piece;
    out += typeof p === 'string' ? p : p(f);
  }
  return out;
}
