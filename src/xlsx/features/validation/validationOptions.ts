import { invalidOption } from '../../../errors.js';
import { optionKeys, ownOptions } from '../../../base/optionKeys.js';
import type { Zone } from '../../../dates/zone.js';
import { excelSerial, wallTime } from '../../cells/dateSerial.js';
import { isDate } from '../../../base/isDate.js';
import { isXmlText } from '../../xml/xmlText.js';

/**
 * The message Excel shows while a cell of the column is selected.
 * @example { title: 'Attendance', message: 'Pick one from the list' }
 */
export interface ValidationPrompt {
  /** Bold first line, at most 32 characters. @default none */
  readonly title?: string | undefined;
  /** The message, at most 255 characters. */
  readonly message: string;
}

/**
 * The message Excel shows when a value breaks the rule.
 * @example { title: 'Not a grade', message: 'A grade is a whole number from 0 to 20', style: 'warning' }
 */
export interface ValidationAlert {
  /** The dialog's title, at most 32 characters. @default Excel's ("Microsoft Excel") */
  readonly title?: string | undefined;
  /** The message, at most 225 characters. */
  readonly message: string;
  /**
   * `'stop'` refuses the value; `'warning'` asks whether to keep it; `'information'` only tells.
   * @default 'stop'
   */
  readonly style?: 'stop' | 'warning' | 'information' | undefined;
}

/** What every rule shares: blanks, the input prompt, the error message. */
interface ValidationBase {
  /** An empty cell is allowed. @default true */
  readonly allowBlank?: boolean | undefined;
  /** Shown while a cell of the column is selected. @default none */
  readonly prompt?: ValidationPrompt | undefined;
  /** Shown for a value that breaks the rule. @default Excel's own message, refusing the value */
  readonly error?: ValidationAlert | undefined;
}

/**
 * A dropdown: the cell takes one of `list`. Items may hold commas and quotes; a list Excel cannot
 * write inline (over 255 characters, or an item with a comma or a quote) is kept on a hidden sheet.
 * @example { list: ['present', 'absent', 'excused'] }
 */
export interface ListValidation extends ValidationBase {
  /** The choices, in order: 1 to 100,000 non-empty strings of at most 255 characters. */
  readonly list: readonly string[];
}

/**
 * A range rule: a whole number, a decimal, a date or a text length between `min` and `max`
 * (either may be left out, not both).
 * @example { type: 'whole', min: 0, max: 20, error: { message: 'A grade is 0 to 20' } }
 */
export interface RangeValidation extends ValidationBase {
  /** What the cell holds: `'textLength'` bounds the number of characters. */
  readonly type: 'whole' | 'decimal' | 'date' | 'textLength';
  /** Lowest value allowed (a `Date` or `'YYYY-MM-DD'` for `'date'`, as a whole day in the sheet's time zone). @default no lower bound */
  readonly min?: number | Date | string | undefined;
  /** Highest value allowed, as `min`. @default no upper bound */
  readonly max?: number | Date | string | undefined;
}

/**
 * A column's input rule: a dropdown ({@link ListValidation}) or a range ({@link RangeValidation}).
 * @example { type: 'date', min: '2026-09-01', max: '2027-06-30', prompt: { message: 'A date this school year' } }
 */
export type Validation = ListValidation | RangeValidation;

/** A rule checked once: its formulas and its attributes' values. */
export interface ResolvedValidation {
  readonly type: 'list' | RangeValidation['type'];
  /** The list's items (list rules only). */
  readonly items: readonly string[];
  /** `formula1` of an inline list or a range rule; undefined for a list kept on the hidden sheet. */
  readonly formula1: string | undefined;
  readonly formula2: string | undefined;
  readonly operator: 'between' | 'greaterThanOrEqual' | 'lessThanOrEqual' | undefined;
  readonly allowBlank: boolean;
  readonly prompt: { readonly title: string | undefined; readonly message: string } | undefined;
  readonly error: { readonly title: string | undefined; readonly message: string; readonly style: 'stop' | 'warning' | 'information' } | undefined;
}

/** Excel's longest inline list (the characters of `"a,b,c"` between the quotes). */
export const MAX_INLINE_LIST = 255;
/** Most items of one list (kept on the hidden sheet past the inline limit). */
export const MAX_LIST_ITEMS = 100_000;

/**
 * Checks a column's `validation` once, at call time.
 * @param option - Its name for messages: `sheets[1].columns[2].validation`.
 * @param zone - The sheet's time zone, for date bounds.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the property.
 */
export function resolveValidation(option: string, value: unknown, zone: Zone): ResolvedValidation {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidOption(option, "a rule object ({ list: [...] } or { type: 'whole' | 'decimal' | 'date' | 'textLength', min?, max? })", value);
  }
  const isList = Object.hasOwn(value, 'list');
  const v = ownOptions(value as Record<string, unknown>, isList ? LIST_KEYS : RANGE_KEYS, `${option}.`);
  const allowBlank = v.allowBlank ?? true;
  if (typeof allowBlank !== 'boolean') throw invalidOption(`${option}.allowBlank`, 'true or false', allowBlank);
  const base = { allowBlank, prompt: resolvePrompt(`${option}.prompt`, v.prompt), error: resolveError(`${option}.error`, v.error) };
  if (isList) return { ...base, ...resolveList(`${option}.list`, v.list) };
  const type = v.type as RangeValidation['type'];
  if (!RANGE_TYPES.includes(type)) throw invalidOption(`${option}.type`, `${RANGE_TYPES.map((t) => `'${t}'`).join(', ')} (or a list: { list: [...] })`, v.type);
  const min = bound(`${option}.min`, v.min, type, zone);
  const max = bound(`${option}.max`, v.max, type, zone);
  if (min === undefined && max === undefined) throw invalidOption(`${option}.min`, 'a bound: min, max or both', undefined);
  if (min !== undefined && max !== undefined && min > max) throw invalidOption(`${option}.max`, `a bound not under min (${v.min})`, v.max);
  const text = (n: number | undefined) => (n === undefined ? undefined : String(n));
  if (min !== undefined && max !== undefined) return { ...base, type, items: [], formula1: text(min), formula2: text(max), operator: 'between' };
  return { ...base, type, items: [], formula1: text(min ?? max), formula2: undefined, operator: min === undefined ? 'lessThanOrEqual' : 'greaterThanOrEqual' };
}

// --- internal ---

const RANGE_TYPES: readonly RangeValidation['type'][] = ['whole', 'decimal', 'date', 'textLength'];
const LIST_KEYS = optionKeys<ListValidation>({ list: true, allowBlank: true, prompt: true, error: true });
const RANGE_KEYS = optionKeys<RangeValidation>({ type: true, min: true, max: true, allowBlank: true, prompt: true, error: true });
const PROMPT_KEYS = optionKeys<ValidationPrompt>({ title: true, message: true });
const ERROR_KEYS = optionKeys<ValidationAlert>({ title: true, message: true, style: true });
const ERROR_STYLES = ['stop', 'warning', 'information'] as const;

/** A literal `_xHHHH_` escape in text. */
const X_ESCAPE = /_x[0-9A-Fa-f]{4}_/;

function resolveList(option: string, list: unknown): Pick<ResolvedValidation, 'type' | 'items' | 'formula1' | 'formula2' | 'operator'> {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_LIST_ITEMS) {
    throw invalidOption(option, `an array of 1 to ${MAX_LIST_ITEMS} strings`, list);
  }
  const items = list.map((item: unknown, i) => {
    if (typeof item !== 'string' || item === '' || item.length > 255 || !isXmlText(item)) {
      throw invalidOption(`${option}[${i}]`, 'a non-empty string of at most 255 characters, without control characters', item);
    }
    return item;
  });
  const joined = items.join(',');
  // A comma would split an item, and Excel has no escape for it inline; a quote is kept off the inline form too.
  // So is a literal `_xHHHH_` (a formula's text is not decoded alike by every reader) and a space at
  // either end (LibreOffice trims inline items): such lists are cells of the hidden list sheet.
  const inline =
    joined.length <= MAX_INLINE_LIST && !items.some((item) => item.includes(',') || item.includes('"') || X_ESCAPE.test(item) || item.trim() !== item);
  return { type: 'list', items, formula1: inline ? `"${joined}"` : undefined, formula2: undefined, operator: undefined };
}

function bound(option: string, value: unknown, type: RangeValidation['type'], zone: Zone): number | undefined {
  if (value === undefined) return undefined;
  if (type === 'date') {
    if (!(isDate(value) || typeof value === 'string')) throw invalidOption(option, "a Date or a 'YYYY-MM-DD' string", value);
    let serial: number | undefined;
    try {
      serial = excelSerial(wallTime(value, zone, true, 0, option));
    } catch {
      serial = undefined;
    }
    if (serial === undefined) throw invalidOption(option, "a valid date from 1900-01-01 to 9999-12-31 (a Date or 'YYYY-MM-DD')", value);
    return serial;
  }
  const whole = type !== 'decimal';
  const ok = typeof value === 'number' && Number.isFinite(value) && (!whole || Number.isInteger(value)) && (type !== 'textLength' || value >= 0);
  if (!ok) throw invalidOption(option, type === 'textLength' ? 'a whole number ≥ 0' : whole ? 'a whole number' : 'a finite number', value);
  return value as number;
}

function message(option: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value === '' || value.length > max || !isXmlText(value)) {
    throw invalidOption(option, `a non-empty string of at most ${max} characters (Excel's limit), without control characters`, value);
  }
  return value;
}

function resolvePrompt(option: string, prompt: unknown): ResolvedValidation['prompt'] {
  if (prompt === undefined) return undefined;
  const p = ownOptions(prompt as Record<string, unknown>, PROMPT_KEYS, `${option}.`);
  return { title: p.title === undefined ? undefined : message(`${option}.title`, p.title, 32), message: message(`${option}.message`, p.message, 255) };
}

function resolveError(option: string, error: unknown): ResolvedValidation['error'] {
  if (error === undefined) return undefined;
  const e = ownOptions(error as Record<string, unknown>, ERROR_KEYS, `${option}.`);
  const style = e.style ?? 'stop';
  if (!ERROR_STYLES.includes(style as 'stop')) throw invalidOption(`${option}.style`, ERROR_STYLES.map((s) => `'${s}'`).join(', '), e.style);
  return {
    title: e.title === undefined ? undefined : message(`${option}.title`, e.title, 32),
    message: message(`${option}.message`, e.message, 225),
    style: style as 'stop',
  };
}
