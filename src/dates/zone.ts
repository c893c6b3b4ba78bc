import { invalidOption } from '../errors.js';

/** Wall-clock fields of an instant in a time zone. Reused between calls: copy what you keep. */
export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** The wall-clock time as if it were UTC, in ms: what Excel serials are computed from. */
  wallMs: number;
}

const MS_PER_DAY = 86_400_000;
/** The largest epoch milliseconds a `Date` can hold (ECMA-262 §21.4.1.1 Time Values). */
const MAX_EPOCH_MS = 8.64e15;
const BUCKET_MS = 900_000; // every zone transition falls on a whole minute; at most one per 15 min

/**
 * Converts instants to wall-clock fields in one IANA zone. UTC needs no lookup; other zones
 * ask Intl once per 15-minute bucket (checked at both ends, so a transition inside is exact).
 */
export class Zone {
  readonly isUtc: boolean;
  private readonly dtf: Intl.DateTimeFormat | undefined;
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.isUtc = /^(utc|etc\/utc|gmt|etc\/gmt|z)$/i.test(timeZone);
    this.dtf = this.isUtc
      ? undefined
      : new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          era: 'short',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
  }

  /** Offset of the zone from UTC at instant `ms`, in ms (positive east of Greenwich). */
  offset(ms: number): number {
    if (this.isUtc) return 0;
    const bucket = Math.floor(ms / BUCKET_MS);
    const cached = this.offsets.get(bucket);
    if (cached !== undefined) return cached;
    const start = bucket * BUCKET_MS;
    const first = this.lookup(start);
    if (first === this.lookup(start + BUCKET_MS - 1000)) {
      if (this.offsets.size > 50_000) this.offsets.clear();
      this.offsets.set(bucket, first);
      return first;
    }
    return this.lookup(ms);
  }

  /**
   * The instant at which this zone's clocks show `wallMs` (a wall-clock time stored as if UTC).
   * A time shown twice (the autumn change) is its first instant; a time the clocks skip (a spring
   * gap) is read with the offset before the change, so it lands after the gap (02:30 → 03:30), as
   * `Date`, Temporal's 'compatible' and PostgreSQL do, east and west of Greenwich alike.
   */
  toInstant(wallMs: number): number {
    if (this.isUtc) return wallMs;
    // Offsets a day either side: no zone is 24 h off UTC, so a change near this wall time lies between them.
    const before = this.offset(wallMs - MS_PER_DAY);
    const after = this.offset(wallMs + MS_PER_DAY);
    const early = wallMs - before;
    if (before === after) return early;
    const late = wallMs - after;
    const earlyShows = early + this.offset(early) === wallMs;
    const lateShows = late + this.offset(late) === wallMs;
    if (earlyShows && lateShows) return Math.min(early, late);
    return lateShows && !earlyShows ? late : early;
  }

  /** Fills `out` with the wall-clock fields of instant `ms` in this zone. */
  wallClock(ms: number, out: WallClock): WallClock {
    return fieldsOf(ms + this.offset(ms), out);
  }

  // --- internal ---

  /**
   * The offset at instant `ms`, from Intl. Past the Date range (±8.64e15 ms), which Intl refuses (the
   * midnight or the day around a wall-clock time near its ends), the offset at its end.
   */
  private lookup(ms: number): number {
    const whole = Math.floor(Math.min(Math.max(ms, -MAX_EPOCH_MS), MAX_EPOCH_MS) / 1000) * 1000;
    let year = 0,
      month = 1,
      day = 1,
      hour = 0,
      minute = 0,
      second = 0,
      bc = false;
    for (const part of (this.dtf as Intl.DateTimeFormat).formatToParts(whole)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value);
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
        case 'era':
          bc = part.value === 'BC' || part.value === 'B';
          break;
        default:
          break;
      }
    }
    if (bc) year = 1 - year;
    // By arithmetic, not a Date: the wall clock at the ends of the Date range lies past it.
    return daysFromCivil(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 - whole;
  }
}

/** Fills `out` with the UTC fields of `wallMs` (a wall-clock time stored as if UTC). Allocates nothing. */
export function fieldsOf(wallMs: number, out: WallClock): WallClock {
  const days = Math.floor(wallMs / MS_PER_DAY);
  let rest = wallMs - days * MS_PER_DAY;
  // civil_from_days (H. Hinnant)
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  out.year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  out.month = month;
  out.day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  out.hour = Math.floor(rest / 3_600_000);
  rest -= out.hour * 3_600_000;
  out.minute = Math.floor(rest / 60_000);
  rest -= out.minute * 60_000;
  out.second = Math.floor(rest / 1000);
  out.millisecond = rest - out.second * 1000;
  out.wallMs = wallMs;
  return out;
}

/** Days from 1970-01-01 to a proleptic Gregorian date, any year (days_from_civil, H. Hinnant). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** A fresh {@link WallClock} to reuse. */
export function newWallClock(): WallClock {
  return { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0, wallMs: 0 };
}

/**
 * Names of UTC that Intl always accepts. Checking them needs no `Intl.DateTimeFormat`, whose first
 * use loads ICU's zone data (about 70 ms and 8 MB RSS), which a UTC export never needs.
 */
const INTL_UTC_NAMES = /^(utc|etc\/utc|gmt|etc\/gmt)$/i;

/**
 * Checks an IANA time zone name once, at option time.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` for an unknown zone.
 */
export function checkTimeZone(name: string, option = 'timeZone'): string {
  if (typeof name !== 'string' || name === '') throw invalidOption(option, 'an IANA time zone name such as "Europe/Berlin"', name);
  if (INTL_UTC_NAMES.test(name)) return name;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    throw invalidOption(option, 'an IANA time zone name such as "Europe/Berlin"', name);
  }
  return name;
}
