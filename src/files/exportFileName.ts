import { invalidOption } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../util/optionKeys.js';

/** Options of {@link exportFileName}. */
export interface ExportFileNameOptions {
  /** The moment in the name, written in UTC. @default now */
  readonly date?: Date | undefined;
}

/**
 * A safe, sortable file name: `base_YYYYMMDD_HHmmss.format`. Characters other than letters, their
 * combining marks (`हिन्दी`, `קוֹבֶץ`), digits, `-` and `_` in `base` become `_` (non-ASCII letters are
 * kept), runs collapse, and the
 * base is cut to 100 UTF-16 units (never inside a character made of two), with no `_` left at the cut.
 * @param base - What the file holds, e.g. `'class analytics'`.
 * @param format - Extension without a dot: `'csv'`, `'xlsx'`, `'csv.gz'`.
 * @param options - `date`, default now.
 * @returns The file name.
 * @example
 * exportFileName('class analytics', 'xlsx', { date: new Date('2024-01-15T14:30:45Z') });
 * //=> 'class_analytics_20240115_143045.xlsx'
 */
export function exportFileName(base: string, format: string, options: ExportFileNameOptions = {}): string {
  if (typeof base !== 'string') throw invalidOption('base', 'a string', base);
  if (typeof format !== 'string' || !/^[a-z0-9]+(\.[a-z0-9]+)*$/i.test(format)) throw invalidOption('format', "an extension such as 'csv' or 'xlsx'", format);
  checkOptionKeys(options, EXPORT_FILE_NAME_KEYS);
  const { date = new Date() } = options;
  // The stamp has four-digit years: toISOString() writes others signed and with six (`+010000`), which a name cannot hold.
  if (!(date instanceof Date) || !(date.getTime() >= FIRST_STAMP && date.getTime() < END_STAMP)) {
    throw invalidOption('date', 'a valid Date from 0000-01-01 to 9999-12-31 (UTC)', date);
  }
  const safe =
    cut(
      base
        .normalize('NFC')
        .replace(/[^\p{L}\p{M}\p{N}_-]+/gu, '_')
        .replace(/_+/g, '_')
        .replace(/^[_.-]+|[_.-]+$/g, ''),
      100,
    ).replace(/[_.-]+$/, '') || 'export';
  const iso = date.toISOString(); // 2024-01-15T14:30:45.000Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  return `${safe}_${stamp}.${format.toLowerCase()}`;
}

// --- internal ---

/** `date` bounds, in epoch ms: 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
const FIRST_STAMP = -62_167_219_200_000;
const END_STAMP = 253_402_300_800_000;

/** `text` cut to at most `length` UTF-16 units, never between the two halves of a surrogate pair. */
function cut(text: string, length: number): string {
  if (text.length <= length) return text;
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}

/** The keys of `exportFileName` options; see `checkOptionKeys`. */
const EXPORT_FILE_NAME_KEYS = optionKeys<ExportFileNameOptions>({ date: true });
