/**
 * Codes of the warnings the writers (and `fromCsv`) report through `onWarning`. A warning never
 * stops the export or the read: the value was written (or read), changed in the way the code says.
 */
export const RowportWarningCode = {
  /** Text longer than Excel's 32,767 characters was cut to fit (never splitting a surrogate pair). */
  TextTruncated: 'ROWPORT_TEXT_TRUNCATED',
  /** Text held a lone UTF-16 surrogate, which XML cannot carry; it was replaced by U+FFFD. */
  LoneSurrogate: 'ROWPORT_LONE_SURROGATE',
  /** A date before 1900 (or after 9999), which Excel cannot hold as a serial, was written as text. */
  DateAsText: 'ROWPORT_DATE_AS_TEXT',
  /** A bigint, or a numeric string in a numeric column, has digits a double cannot hold
   *  (`9007199254740993`): it was written as text with exactly its digits, never rounded. */
  NumberAsText: 'ROWPORT_NUMBER_AS_TEXT',
  /** A value meant as a link was written as plain text: its target is not an `http:`, `https:` or
   *  `mailto:` URL rowport writes, or its text is too long for Excel's 8,192-character formula. */
  LinkAsText: 'ROWPORT_LINK_AS_TEXT',
  /** A physical sheet holds Excel's most hyperlinks (65,530; or more link targets than the 16 Mi
   *  characters rowport holds for one sheet): its further links are `HYPERLINK` formulas, which
   *  work alike. Reported once per physical sheet, with the row of the first such link. */
  LinkAsFormula: 'ROWPORT_LINK_AS_FORMULA',
  /** A sheet name was repaired (too long, forbidden characters, blank, reserved or taken). */
  SheetRenamed: 'ROWPORT_SHEET_RENAMED',
  /** A sheet passed 1,048,576 rows; the rows continue on a new sheet `Name (2)`. */
  SheetContinued: 'ROWPORT_SHEET_CONTINUED',
  /** A key of the given `columns` is on none of the object rows read (a typo: `'nmae'`), so its column
   *  is empty; reported once per key, at the end of the sheet, the CSV or the rows of `selectColumns`.
   *  Computed columns are never reported. */
  UnknownColumn: 'ROWPORT_UNKNOWN_COLUMN',
  /** A key a later row has and the columns lack, which came from the first row's keys: its values are
   *  not written. The CLI reports it for JSON and NDJSON input, once per key, with the first row that
   *  has it; the library's writers ignore such keys without a check, as documented. */
  UnwrittenKey: 'ROWPORT_UNWRITTEN_KEY',
  /** `fromCsv` (with `invalid: 'replace'`) read bytes that are not valid in the input's encoding as
   *  U+FFFD; `line` is the first line of the ~64 KiB read that holds some. */
  InvalidBytes: 'ROWPORT_INVALID_BYTES',
} as const;

export type RowportWarningCode = (typeof RowportWarningCode)[keyof typeof RowportWarningCode];

/** What `onWarning` receives. */
export interface RowportWarning {
  /** Stable, machine-readable code; see {@link RowportWarningCode}. */
  readonly code: RowportWarningCode;
  /** What happened, for people. */
  readonly message: string;
  /** 0-based index of the source row, when the warning belongs to one. */
  readonly row?: number;
  /** Key of the column, when the warning belongs to one. */
  readonly column?: string;
  /** Name of the sheet (as written). */
  readonly sheet?: string;
  /** 1-based line of the input, for a warning of `fromCsv`. */
  readonly line?: number;
}

/** Receives warnings. */
export type WarningHandler = (warning: RowportWarning) => void;
