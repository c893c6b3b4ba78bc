import { RowportError, RowportErrorCode, at, invalidOption } from '../errors.js';
import { Lazy } from '../base/lazy.js';
import { MAX_EPOCH_MS, calendarMs, parseDateValue } from './parseDate.js';
import { type PatternPart, tokenizePattern } from './pattern.js';
import { type WallClock, type Zone, fieldsOf, newWallClock } from './zone.js';

/**
 * One piece of a compiled pattern: literal text, a token rendered from wall-clock fields, a run of
 * tokens date-fns renders, or an offset or timestamp token rendered from the instant.
 */
type Piece = string | ((f: WallClock) => string) | DateFnsRun | InstantToken;

/** Tokens only date-fns has (`EEE`, `MMMM`, `do`, `Q`…) and the literals between them, as one date-fns pattern. */
interface DateFnsRun {
  readonly dateFns: string;
}

/** An offset (`X x O z`) or timestamp (`t T`) token: rendered here, from the instant and the zone's offset. */
interface InstantToken {
  readonly instant: string;
}

/** A pattern split by {@link compile}. */
interface CompiledPattern {
  readonly pieces: Piece[];
  /** Some piece is rendered by date-fns. */
  readonly dateFns: boolean;
  /** The text depends on the calendar day alone (`yyyy-MM-dd`, `EEE, d MMMM`). */
  readonly dayOnly: boolean;
}

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
 * A date pattern compiled once for one time zone. The common tokens (`y M d H h m s S a`, and
 * `P p` spelt out) are rendered from the wall-clock fields rowport computes with Intl; offsets
 * (`X x O z`) and timestamps (`t T`) from the instant and that offset; only the other tokens
 * (`EEE`, `MMMM`, `do`, `Q`…) go through date-fns `format`, given the wall-clock time as a UTC
 * date, so they never depend on date-fns' own offset of the zone (wrong for negative offsets under
 * an hour, and in whole minutes). So every pattern shows the wall clock Intl shows, in every zone.
 */
export class DateRenderer {
  private readonly pieces: Piece[];
  private readonly wall = newWallClock();
  /**
   * Texts by wall-clock day, for patterns whose text depends on the day alone (`iso`, `us`, `eu`,
   * `EEE d MMMM`…): exports repeat the same days, and this saves most of the work.
   */
  private readonly days: Map<number, string> | undefined;
  /** True when rendering needs date-fns (the pattern has a token the compiled path lacks). */
  readonly needsDateFns: boolean;
  /** The pattern has an offset or timestamp token, which the instant renders (not the wall clock). */
  private readonly showsInstant: boolean;

  constructor(
    readonly pattern: string,
    readonly zone: Zone,
  ) {
    const compiled = compile(pattern);
    this.pieces = compiled.pieces;
    this.needsDateFns = compiled.dateFns;
    this.showsInstant = compiled.pieces.some((piece) => typeof piece === 'object' && 'instant' in piece);
    if (compiled.dateFns) void DATE_FNS.start(); // normally started already by checkPattern
    this.days = compiled.dayOnly ? new Map() : undefined;
  }

  /** Renders instant `ms` in the zone. */
  instant(ms: number): string {
    const offset = this.zone.offset(ms);
    return this.renderWall(ms + offset, ms, offset);
  }

  /**
   * Renders a calendar date: its day never shifts; an offset or timestamp token shows the midnight
   * it starts with in the zone (`2024-03-10T00:00:00-05:00` in New York). Where the clocks skip that
   * midnight (São Paulo, 2018-11-04), it shows the wall clock 00:00 with the offset of the instant
   * it maps to (`00:00:00-03:00`), where a `Date` of the day's first instant shows `01:00:00-02:00`.
   */
  calendar(year: number, month: number, day: number): string {
    const wallMs = calendarMs(year, month, day);
    if (!this.showsInstant) return this.renderWall(wallMs, wallMs, 0);
    const start = this.zone.toInstant(wallMs);
    return this.renderWall(wallMs, start, wallMs - start);
  }

  /** Renders a date value: a `Date`, epoch ms, or a `YYYY-MM-DD` (or ISO date-time) string. */
  value(value: unknown, row?: number, column?: string): string {
    const parsed = this.parse(value, row, column);
    return typeof parsed === 'number' ? this.instant(parsed) : this.calendar(parsed.year, parsed.month, parsed.day);
  }

  /**
   * Renders a date value of a `date` column: the day its wall clock shows in the zone, the time of
   * day dropped (`00:00` in a pattern that shows one), as the column's XLSX serial holds it.
   */
  day(value: unknown, row?: number, column?: string): string {
    if (this.days !== undefined) return this.value(value, row, column); // the text shows the day alone
    const parsed = this.parse(value, row, column);
    if (typeof parsed !== 'number') return this.calendar(parsed.year, parsed.month, parsed.day);
    const midnight = Math.floor((parsed + this.zone.offset(parsed)) / MS_PER_DAY) * MS_PER_DAY;
    const start = this.zone.toInstant(midnight); // with midnight's own offset, on a day the clocks change
    return this.renderWall(midnight, start, midnight - start);
  }

  /** Reads a date value, refusing an instant whose wall clock date-fns cannot render. */
  private parse(value: unknown, row?: number, column?: string): ReturnType<typeof parseDateValue> {
    const parsed = parseDateValue(value, row, column, this.zone);
    // At the ends of the Date range the wall clock east (or west) of UTC passes it: date-fns cannot render it.
    if (
      typeof parsed === 'number' &&
      this.needsDateFns &&
      Math.abs(parsed) > MAX_EPOCH_MS - MS_PER_DAY &&
      !(Math.abs(parsed + this.zone.offset(parsed)) <= MAX_EPOCH_MS)
    ) {
      throw new RowportError(
        RowportErrorCode.InvalidDate,
        `${at(row, column)}the date is valid, but its wall clock in ${this.zone.timeZone} lies past the range a Date holds (±8.64e15 ms), which the pattern ${JSON.stringify(this.pattern)} cannot show; use 'iso', a UTC time zone, or a date within it`,
        { row, column },
      );
    }
    return parsed;
  }

  /** Renders a wall-clock time (stored as if UTC) of instant `ms`, `offset` ms off UTC. */
  private renderWall(wallMs: number, ms: number, offset: number): string {
    if (this.days === undefined) return render(this.pieces, fieldsOf(wallMs, this.wall), ms, offset);
    const day = Math.floor(wallMs / MS_PER_DAY);
    let text = this.days.get(day);
    if (text === undefined) {
      text = render(this.pieces, fieldsOf(wallMs, this.wall), ms, offset);
      if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
      this.days.set(day, text);
    }
    return text;
  }
}

const MS_PER_DAY = 86_400_000;
const MAX_CACHED_DAYS = 4096;

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
  if (MOMENT_TOKENS.test(unquoted)) {
    const meant = fromMomentTokens(pattern);
    throw invalidOption(
      option,
      "'iso', 'us', 'eu', 'full' or a valid date-fns pattern",
      pattern,
      `Did you mean '${meant}'? date-fns uses yyyy for the year and dd for the day`,
    );
  }
  const problem = dateFnsProblem(pattern);
  if (problem !== undefined) throw invalidOption(option, "'iso', 'us', 'eu', 'full' or a valid date-fns pattern", pattern, problem);
  // the writers' streams wait for it before the first row; checked above without it
  if (compile(pattern).dateFns) void DATE_FNS.start();
}

// --- internal ---

/** The moment.js tokens date-fns reads as other fields (`DD` day of year, `YYYY` week-numbering year). */
const MOMENT_TOKENS = /(?<!D)D{1,2}(?!D)|(?<!Y)(?:YYYY|YY)(?!Y)/;

/** The pattern with moment.js's `YYYY`/`YY`/`DD`/`D` as date-fns's `yyyy`/`yy`/`dd`/`d`, quoted text kept. */
function fromMomentTokens(pattern: string): string {
  return pattern.replace(/('[^']*'?)|[^']+/g, (part, quoted: string | undefined) =>
    quoted !== undefined
      ? part
      : part.replace(/(?<!Y)(YYYY|YY)(?!Y)/g, (y: string) => y.toLowerCase()).replace(/(?<!D)D{1,2}(?!D)/g, (d: string) => d.toLowerCase()),
  );
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
  for (const token of expandLongFormats(pattern).match(DATE_FNS_TOKEN) ?? []) {
    const first = token[0] as string;
    if (first === "'" || DATE_FNS_LETTERS.has(first)) continue;
    if (/[a-zA-Z]/.test(first)) return `Format string contains an unescaped latin alphabet character \`${first}\``;
  }
  return undefined;
}

/** The pattern with date-fns' en-US long formats (`P`, `p`, `PPpp`…) spelt out, as date-fns `format` does first. */
function expandLongFormats(pattern: string): string {
  const width = (run: string): number => Math.min(run.length, 4) - 1;
  return (pattern.match(DATE_FNS_LONG_TOKEN) ?? [])
    .map((token) => {
      if (token[0] === 'p') return LONG_TIMES[width(token)];
      if (token[0] !== 'P') return token;
      const [, date = '', time] = /(P+)(p+)?/.exec(token) ?? [];
      if (time === undefined) return LONG_DATES[width(token)];
      return (LONG_DATE_TIMES[width(date)] as string)
        .replace('{{date}}', LONG_DATES[width(date)] as string)
        .replace('{{time}}', LONG_TIMES[width(time)] as string);
    })
    .join('');
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

/** Letters of the date-fns tokens whose text depends on the calendar day alone. */
const DAY_LETTERS = new Set('GyYRuQqMLwIdDEec');
/** Letters that take an ordinal `o` in date-fns (`do`, `Mo`, `yo`…): that pair is one token. */
const ORDINAL_LETTERS = new Set('yYQqMLwIdDecihHKkms');
/** Offset and timestamp letters, rendered from the instant ({@link InstantToken}). */
const INSTANT_LETTERS = new Set('XxOztT');

/**
 * Splits a pattern into literal text, token renderers, date-fns runs and instant tokens. Years are
 * astronomical, as in ISO 8601 (`yyyy` of 1 BC is `0000`, of 101 BC `-0100`), unless the pattern
 * has an era (`G`): then `y` is the year of the era, as in date-fns (`yyyy G` → `0101 BC`).
 */
function compile(pattern: string): CompiledPattern {
  const parts = tokenizePattern(expandLongFormats(pattern));
  const era = parts.some((part) => part.kind === 'token' && part.text[0] === 'G');
  const pieces: Piece[] = [];
  let literal = '';
  let dateFns = false;
  let dayOnly = true;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as PatternPart;
    if (part.kind !== 'token') {
      literal += part.text;
      continue;
    }
    let token = part.text;
    const next = parts[i + 1];
    if (token.length === 1 && ORDINAL_LETTERS.has(token) && next?.kind === 'token' && next.text === 'o') {
      token += 'o';
      i++;
    }
    const letter = token[0] as string;
    if (!DAY_LETTERS.has(letter)) dayOnly = false;
    // `yyy`, `yyyy`, `yyyyy`…: padded years; `yo` (the ordinal year, `2024th`) is date-fns'
    const fn = token === 'yy' || token.length === 1 || letter !== 'y' ? TOKENS[token] : token === 'yo' ? undefined : yearToken(token.length);
    if (fn !== undefined && !(era && letter === 'y')) {
      if (literal) pieces.push(literal);
      pieces.push(fn);
    } else if (INSTANT_LETTERS.has(letter)) {
      if (literal) pieces.push(literal);
      pieces.push({ instant: token });
    } else {
      dateFns = true;
      const last = pieces[pieces.length - 1];
      // Joined into one run across literals, but not an apostrophe, which date-fns cannot read back inside quotes
      if (typeof last === 'object' && 'dateFns' in last && !literal.includes("'")) {
        pieces[pieces.length - 1] = { dateFns: last.dateFns + (literal ? `'${literal}'` : '') + token };
      } else {
        if (literal) pieces.push(literal);
        pieces.push({ dateFns: token });
      }
    }
    literal = '';
  }
  if (literal) pieces.push(literal);
  return { pieces, dateFns, dayOnly };
}

/** `yyy`, `yyyy`, `yyyyy`…: the astronomical year, padded to the token's length, with a `-` before year 0. */
function yearToken(width: number): (f: WallClock) => string {
  return width === 4 ? (TOKENS.yyyy as (f: WallClock) => string) : (f) => padN(f.year, width);
}

/**
 * date-fns `format` options: `Y` (week-numbering year) and `DDD` (day of year) are passed without
 * date-fns' `console.warn` on every call, since {@link checkPattern} refused the moment.js tokens
 * (`YY`, `YYYY`, `D`, `DD`) those warnings are about.
 */
const DATE_FNS_OPTIONS = { useAdditionalWeekYearTokens: true, useAdditionalDayOfYearTokens: true } as const;

function render(pieces: Piece[], f: WallClock, ms: number, offset: number): string {
  let out = '';
  let date: Date | undefined;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as Piece;
    if (typeof p === 'string') out += p;
    else if (typeof p === 'function') out += p(f);
    else if ('dateFns' in p) {
      const { format, TZDate } = DATE_FNS.get();
      // The wall-clock time as a UTC date: date-fns reads the fields rowport computed, not its own offset.
      date ??= new TZDate(f.wallMs, 'UTC');
      out += format(date, p.dateFns, DATE_FNS_OPTIONS);
    } else out += instantText(p.instant, ms, offset);
  }
  return out;
}

/**
 * An offset or timestamp token as date-fns writes it (`XXX` → `-03:30`, `O` → `GMT-3:30`, `t`
 * seconds), but exact: an offset with seconds (Africa/Monrovia's -00:44:30 until 1972, the local
 * mean times before 1900) gets them (`-00:44:30`, `GMT-0:44:30`), as Intl shows it.
 */
function instantText(token: string, ms: number, offset: number): string {
  const letter = token[0];
  if (letter === 't') return padN(Math.trunc(ms / 1000), token.length);
  if (letter === 'T') return padN(ms, token.length);
  const sign = offset < 0 ? '-' : '+';
  const total = Math.abs(Math.round(offset / 1000));
  const h = Math.floor(total / 3600),
    m = Math.floor((total % 3600) / 60),
    sec = total % 60;
  const long = (delimiter: string): string => `${sign}${pad2(h)}${delimiter}${pad2(m)}${sec ? delimiter + pad2(sec) : ''}`;
  if (letter === 'O' || letter === 'z') {
    if (token.length >= 4) return `GMT${long(':')}`;
    return `GMT${sign}${h}${m || sec ? `:${pad2(m)}` : ''}${sec ? `:${pad2(sec)}` : ''}`;
  }
  if (letter === 'X' && total === 0) return 'Z';
  if (token.length === 1) return m || sec ? long('') : `${sign}${pad2(h)}`;
  return token.length === 2 || token.length === 4 ? long('') : long(':');
}
