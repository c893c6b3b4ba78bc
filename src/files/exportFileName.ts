import { invalidOption } from '../errors.js';
import { MAX_NAME_BYTES } from '../writer/utf8Cut.js';
import { utf8Length } from '../platform/bytes.js';
import { optionKeys, ownOptions } from '../base/optionKeys.js';
import { isDate } from '../base/isDate.js';

/** Options of {@link exportFileName}. */
export interface ExportFileNameOptions {
  /** The moment in the name, written in UTC. @default now */
  readonly date?: Date | undefined;
}

/**
 * A safe, sortable file name: `base_YYYYMMDD_HHmmss.format`. Characters other than letters, their
 * combining marks (`हिन्दी`, `קוֹבֶץ`), digits, `-` and `_` in `base` become `_` (non-ASCII letters are
 * kept), runs collapse, and the base is cut to 100 UTF-16 units and so that the whole name stays
 * within 255 UTF-8 bytes (what file systems take), between characters (never inside a surrogate pair
 * or before a combining mark), with no `_` left at the cut.
 * @param base - What the file holds, e.g. `'class analytics'`.
 * @param format - Extension without a dot: `'csv'`, `'xlsx'`, `'csv.gz'`.
 * @param options - `date`, default now.
 * @returns The file name, at most 255 UTF-8 bytes.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` for a bad argument, or a `format` too long to leave room for a base.
 * @example
 * exportFileName('class analytics', 'xlsx', { date: new Date('2024-01-15T14:30:45Z') });
 * //=> 'class_analytics_20240115_143045.xlsx'
 */
export function exportFileName(base: string, format: string, options: ExportFileNameOptions = {}): string {
  if (typeof base !== 'string') throw invalidOption('base', 'a string', base);
  if (typeof format !== 'string' || !/^[a-z0-9]+(\.[a-z0-9]+)*$/i.test(format)) throw invalidOption('format', "an extension such as 'csv' or 'xlsx'", format);
  const { date = new Date() } = ownOptions(options, EXPORT_FILE_NAME_KEYS);
  // The stamp has four-digit years: toISOString() writes others signed and with six (`+010000`), which a name cannot hold.
  if (!isDate(date) || !(date.getTime() >= FIRST_STAMP && date.getTime() < END_STAMP)) {
    throw invalidOption('date', 'a valid Date from 0000-01-01 to 9999-12-31 (UTC)', date);
  }
  const iso = date.toISOString(); // 2024-01-15T14:30:45.000Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  const suffix = `_${stamp}.${format.toLowerCase()}`;
  const room = MAX_NAME_BYTES - utf8Length(suffix); // UTF-8 bytes left for the base
  if (room < 'export'.length) throw invalidOption('format', `an extension short enough for a ${MAX_NAME_BYTES}-byte file name`, format);
  const safe =
    cut(
      base
        .normalize('NFC')
        .replace(/[^\p{L}\p{M}\p{N}_-]+/gu, '_')
        .replace(/_+/g, '_')
        .replace(/^[_.-]+|[_.-]+$/g, ''),
      MAX_BASE_UNITS,
      room,
    ).replace(/[_.-]+$/, '') || 'export';
  return `${safe}${suffix}`;
}

// --- internal ---

/** `date` bounds, in epoch ms: 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
const FIRST_STAMP = -62_167_219_200_000;
const END_STAMP = 253_402_300_800_000;

/** Longest base, in UTF-16 units: names stay readable in a file list. */
const MAX_BASE_UNITS = 100;

let graphemes: Intl.Segmenter | undefined;

/**
 * `text` cut to at most `units` UTF-16 units and `bytes` UTF-8 bytes, between user-perceived
 * characters: never inside a surrogate pair, never between a letter and its combining marks.
 */
function cut(text: string, units: number, bytes: number): string {
  if (text.length <= units && utf8Length(text) <= bytes) return text;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let end = 0;
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = utf8Length(segment);
    if (end + segment.length > units || used + size > bytes) {
      end += fittingPart(segment, units - end, bytes - used);
      break;
    }
    end += segment.length;
    used += size;
  }
  return text.slice(0, end);
}

/**
 * How much of a character cluster that does not fit whole can be kept (Indic conjuncts chain into
 * clusters longer than a name): whole code points, never a letter without the marks that follow it.
 */
function fittingPart(cluster: string, units: number, bytes: number): number {
  const points = [...cluster];
  let end = 0;
  let used = 0;
  let n = 0;
  for (; n < points.length; n++) {
    const point = points[n] as string;
    const size = utf8Length(point);
    if (end + point.length > units || used + size > bytes) break;
    end += point.length;
    used += size;
  }
  while (n > 0 && n < points.length && MARK.test(points[n] as string)) end -= (points[--n] as string).length;
  return end;
}

const MARK = /^\p{M}/u;

/** The keys of `exportFileName` options; see `ownOptions`. */
const EXPORT_FILE_NAME_KEYS = optionKeys<ExportFileNameOptions>({ date: true });
