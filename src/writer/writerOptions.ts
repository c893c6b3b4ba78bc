import { normaliseColumns } from '../columns/resolveColumns.js';
import { checkPattern } from '../dates/compile.js';
import { isPreset } from '../dates/presets.js';
import { Zone, checkTimeZone } from '../dates/zone.js';
import { invalidOption } from '../errors.js';
import type { Column, DateFormat, ProgressInfo, WriterOptions } from '../types.js';

/** {@link WriterOptions} checked and defaulted once per call. */
export interface ResolvedWriterOptions<T> {
  readonly columns: Column<T>[] | undefined;
  readonly header: boolean;
  readonly dateFormat: DateFormat;
  readonly timeZone: string;
  readonly zone: Zone;
  readonly total: number | undefined;
  readonly onProgress: ((progress: ProgressInfo) => void) | undefined;
  readonly progressInterval: number;
  readonly signal: AbortSignal | undefined;
  readonly maxRows: number;
}

/**
 * Checks and defaults the options every writer shares.
 * @param columnKeys - The keys a column object may have, when the writer takes more than
 *   {@link COLUMN_OPTION_KEYS} (the XLSX writers: styles, formulas, links).
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the option.
 */
export function resolveWriterOptions<T>(options: WriterOptions<T>, columnKeys?: ReadonlySet<string>): ResolvedWriterOptions<T> {
  if (options === null || typeof options !== 'object') throw invalidOption('options', 'an object', options);
  const { columns, header = true, dateFormat = 'iso', timeZone = 'UTC', total, onProgress, progressInterval = 200, signal, maxRows = Infinity } = options;
  checkBoolean('header', header);
  checkDateFormat(dateFormat);
  checkTimeZone(timeZone);
  if (total !== undefined && !(Number.isFinite(total) && total >= 0)) throw invalidOption('total', 'a number ≥ 0', total);
  if (onProgress !== undefined && typeof onProgress !== 'function') throw invalidOption('onProgress', 'a function', onProgress);
  if (!(typeof progressInterval === 'number' && progressInterval >= 0)) throw invalidOption('progressInterval', 'a number of ms ≥ 0', progressInterval);
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidOption('signal', 'an AbortSignal', signal);
  checkMaxRows(maxRows);
  return {
    columns: normaliseColumns(columns, 'columns', columnKeys),
    header,
    dateFormat,
    timeZone,
    zone: new Zone(timeZone),
    total,
    onProgress,
    progressInterval,
    signal,
    maxRows,
  };
}

/** @throws {RowportError} `ROWPORT_INVALID_OPTION` unless `value` is a boolean. */
export function checkBoolean(name: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') throw invalidOption(name, 'true or false', value);
}

/**
 * @param name - The option, as the message names it: `'dateFormat'`, `'sheets[1].dateFormat'`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` unless `value` is a preset or a date-fns pattern.
 */
export function checkDateFormat(value: unknown, name = 'dateFormat'): asserts value is DateFormat {
  if (typeof value !== 'string') throw invalidOption(name, "'iso', 'us', 'eu', 'full' or a date-fns pattern", value);
  if (!isPreset(value)) checkPattern(value, name);
}

/**
 * @param name - The option, as the message names it: `'maxRows'`, `'sheets[1].maxRows'`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` unless `value` is a whole number ≥ 0 or `Infinity`.
 */
export function checkMaxRows(value: unknown, name = 'maxRows'): asserts value is number {
  if (!(typeof value === 'number' && value >= 0 && (Number.isInteger(value) || value === Infinity))) {
    throw invalidOption(name, 'a whole number ≥ 0', value);
  }
}
