/** The date presets and the date-fns patterns they stand for. */
export const DATE_PRESETS = {
  iso: 'yyyy-MM-dd',
  us: 'MM/dd/yyyy',
  eu: 'dd.MM.yyyy',
  full: 'yyyy-MM-dd HH:mm:ss',
} as const;

export type DatePreset = keyof typeof DATE_PRESETS;

/** Excel number formats matching each preset, for XLSX date cells. */
export const EXCEL_DATE_FORMATS = {
  iso: 'yyyy-mm-dd',
  us: 'mm/dd/yyyy',
  eu: 'dd.mm.yyyy',
  full: 'yyyy-mm-dd hh:mm:ss',
} as const;

export function isPreset(format: string): format is DatePreset {
  return Object.hasOwn(DATE_PRESETS, format);
}

/** The pattern for values of a `date` column: a preset's date part, or the pattern itself. */
export function datePattern(format: string): string {
  if (format === 'full') return DATE_PRESETS.iso;
  return isPreset(format) ? DATE_PRESETS[format] : format;
}

/** The pattern for values of a `datetime` column: a preset with the time added, or the pattern itself. */
export function dateTimePattern(format: string): string {
  if (format === 'full') return DATE_PRESETS.full;
  return isPreset(format) ? `${DATE_PRESETS[format]} HH:mm:ss` : format;
}

/** The pattern for `Date` values in columns without a date type: the preset or the pattern. */
export function plainPattern(format: string): string {
  return isPreset(format) ? DATE_PRESETS[format] : format;
}
