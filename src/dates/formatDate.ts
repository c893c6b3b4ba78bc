import { TZDate } from '@date-fns/tz/date';
import { format as dateFnsFormat } from 'date-fns/format';
import type { DateFormat } from '../types.js';
import { DATE_FNS, DateRenderer, checkPattern } from './compile.js';
import { isPreset, plainPattern } from './presets.js';
import { Zone, checkTimeZone } from './zone.js';
import { optionKeys, ownOptions } from '../base/optionKeys.js';

/** Options of {@link formatDate}. */
export interface FormatDateOptions {
  /** IANA time zone the date is rendered in. Calendar dates (`'YYYY-MM-DD'`) never shift. @default 'UTC' */
  readonly timeZone?: string | undefined;
}

/**
 * Formats one date value with a preset or a date-fns pattern, in a time zone. Pure.
 * @param value - A `Date`, epoch milliseconds, or a `'YYYY-MM-DD'` string (a calendar date, never shifted).
 * @param format - `'iso'` `yyyy-MM-dd`, `'us'` `MM/dd/yyyy`, `'eu'` `dd.MM.yyyy`,
 *   `'full'` `yyyy-MM-dd HH:mm:ss`, or any date-fns pattern.
 * @param options - `timeZone`, default `'UTC'`.
 * @returns The formatted text.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` for an unknown pattern or zone,
 *   `ROWPORT_INVALID_DATE` for an invalid date.
 * @example
 * formatDate(new Date('2024-01-15T23:30:00Z'), 'full', { timeZone: 'Europe/Berlin' });
 * //=> '2024-01-16 00:30:00'
 * formatDate('2024-01-15', 'eu', { timeZone: 'America/New_York' });
 * //=> '15.01.2024'
 */
export function formatDate(value: Date | number | string, format: DateFormat, options: FormatDateOptions = {}): string {
  // synchronous, so it cannot wait for an import(): it imports date-fns itself (only bundles that use it pay)
  DATE_FNS.provide({ format: dateFnsFormat, TZDate });
  const { timeZone } = ownOptions(options, FORMAT_DATE_KEYS);
  return rendererFor(format, timeZone ?? 'UTC').value(value);
}

// --- internal ---

/** The keys of `formatDate` options; see `ownOptions`. */
const FORMAT_DATE_KEYS = optionKeys<FormatDateOptions>({ timeZone: true });

const cache = new Map<string, DateRenderer>();

/** A checked, compiled renderer for a format and zone, kept for reuse. */
export function rendererFor(format: DateFormat, timeZone: string, toPattern = plainPattern): DateRenderer {
  const pattern = toPattern(format);
  const key = `${timeZone}\u0000${pattern}`;
  let renderer = cache.get(key);
  if (renderer === undefined) {
    checkTimeZone(timeZone);
    if (!isPreset(format)) checkPattern(format);
    renderer = new DateRenderer(pattern, new Zone(timeZone));
    if (cache.size > 200) cache.clear();
    cache.set(key, renderer);
  }
  return renderer;
}
