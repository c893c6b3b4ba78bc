import { invalidOption } from '../../errors.js';
import { checkBoolean } from '../../writer/writerOptions.js';
import type { ResolvedHeaderStyle } from '../package/styles.js';
import type { SharedStringsBounds } from '../package/sharedStrings.js';
import type { WarningHandler } from '../xml/warnings.js';
import { optionKeys, ownOptions } from '../../base/optionKeys.js';
import { isDate } from '../../base/isDate.js';

/** Colours and weight of the header row. Colours are hex `RRGGBB` (or `AARRGGBB`), `null` for none. */
export interface HeaderStyle {
  /** Bold header text. @default true */
  readonly bold?: boolean | undefined;
  /** Fill colour of the header cells. @default '4472C4' (Excel's blue) */
  readonly fill?: string | null | undefined;
  /** Font colour of the header text. @default 'FFFFFF' (white) */
  readonly color?: string | null | undefined;
}

/** How column widths are fitted. */
export interface AutoFitOptions {
  /** Rows the writer holds and measures before it streams. @default 300 */
  readonly sampleRows?: number | undefined;
  /** Narrowest fitted width, in characters. @default 8 */
  readonly minWidth?: number | undefined;
  /** Widest fitted width, in characters; longer text wraps. @default 50 */
  readonly maxWidth?: number | undefined;
}

/**
 * The bounds of the shared-string table (`sharedStrings`): the table takes each text the first time
 * a cell holds it, until it is full; a text that finds no room is written in its cell, as without
 * the table, so memory stays bounded whatever the data. Besides the text, each string costs about
 * 100 bytes of memory.
 * @example toXlsx(rows, { sharedStrings: { maxStrings: 10_000, maxBytes: 1024 * 1024 } })
 */
export interface SharedStringsOptions {
  /** Most distinct strings in the table, 0 to 16,777,216.
   *  @default 65536 */
  readonly maxStrings?: number | undefined;
  /** Most text in the table, in bytes counted as 2 per UTF-16 code unit (what the strings take in
   *  memory at most), 0 to 1 GiB. A text longer than what is left is written in its cell.
   *  @default 8388608 (8 MiB) */
  readonly maxBytes?: number | undefined;
}

/**
 * What the whole workbook shares, in the options of `toXlsx` and `toWorkbook`: the look of every
 * sheet (header style, frozen header, autofilter, auto-fit, wrapping), the row limit, warnings and
 * the package's properties (`creator`, `createdAt`, `compressionLevel`).
 */
export interface XlsxWorkbookOptions {
  /** Style the header row: `true` for bold white text on Excel's blue, an object for other colours, `false` for plain.
   *  @default true */
  readonly headerStyle?: boolean | HeaderStyle | undefined;
  /** Freeze the header row, so it stays visible while scrolling (needs `header`).
   *  @default true */
  readonly freezeHeader?: boolean | undefined;
  /** Put an autofilter over the header and the written rows (needs `header`).
   *  @default true */
  readonly autoFilter?: boolean | undefined;
  /** Fit column widths to a sample of the first rows; an object tunes the sample and the bounds.
   *  A column's own `width` always wins. @default true */
  readonly autoFit?: boolean | AutoFitOptions | undefined;
  /** Wrap text that holds a line break or is wider than its column.
   *  @default true */
  readonly wrapText?: boolean | undefined;
  /** At 1,048,576 rows: continue on a new sheet `Name (2)` with the header repeated, or fail with `ROWPORT_ROW_LIMIT`.
   *  @default 'newSheet' */
  readonly onRowLimit?: 'newSheet' | 'error' | undefined;
  /** Receives warnings: text truncated, lone surrogates replaced, dates written as text, sheets renamed or continued.
   *  What it throws, or a promise it returns that rejects, stops the export as `ROWPORT_CALLBACK_FAILED`;
   *  the output ends once its promises have settled. */
  readonly onWarning?: WarningHandler | undefined;
  /** Creation time in the document properties and the zip entries. Without it both are fixed
   *  (1980-01-01), so the same rows give the same bytes (but for a
   *  `protect.password`, whose salt is random each time). From 0001-01-01 to 9999-12-31 (UTC). */
  readonly createdAt?: Date | undefined;
  /** Author in the document properties. @default 'rowport' */
  readonly creator?: string | undefined;
  /** Deflate level of the zip, 0 (store) to 9. Level 4 deflates sheet XML faster than 3 and 5% smaller
   *  (zlib's lazy matching starts there), and far faster than zlib's default 6 for files a few percent
   *  larger; deflate, not XML, limits a big export's speed.
   *  @default 4 */
  readonly compressionLevel?: number | undefined;
  /** Write each data cell's text once, in a shared-string table (`xl/sharedStrings.xml`, as Excel
   *  does), and refer to it from the cells: text that repeats (names, classes, categories) costs a
   *  few bytes per cell instead of its text, and the file is smaller and faster to write and to open.
   *  The table is bounded (see {@link SharedStringsOptions}); `false` writes every text in its cell
   *  (`t="inlineStr"`). Headers, titles and totals labels are always written in their cells.
   *  @default true */
  readonly sharedStrings?: boolean | SharedStringsOptions | undefined;
  /** Write each data cell's reference (`<c r="B12">`). `false` leaves it out of every cell that follows
   *  the one before it in its row (ECMA-376 makes it optional; a cell after an empty one keeps it).
   *  The references change with every row and deflate badly, so the file is about half the size
   *  (0.54x on the benchmark rows). LibreOffice, openpyxl (so pandas) and SheetJS read such files cell
   *  for cell (tested), Excel and calamine by their users' reports; some readers need every reference
   *  (exceljs 4.4's `xlsx.load`, ClosedXML, EPPlus, code on the Open XML SDK that reads
   *  `CellReference`), hence the default. Header, title and totals rows keep theirs.
   *  @default true */
  readonly cellReferences?: boolean | undefined;
}

/** The keys of {@link XlsxWorkbookOptions}, which the options of `toXlsx` and `toWorkbook` take; see `ownOptions`. */
export const LOOK_OPTION_KEYS: Record<keyof XlsxWorkbookOptions, true> = {
  headerStyle: true,
  freezeHeader: true,
  autoFilter: true,
  autoFit: true,
  wrapText: true,
  onRowLimit: true,
  onWarning: true,
  createdAt: true,
  creator: true,
  compressionLevel: true,
  sharedStrings: true,
  cellReferences: true,
};

/** How column widths are fitted, resolved. */
export interface ResolvedAutoFit {
  /** Rows of the sample the writer holds before it streams. */
  readonly sampleRows: number;
  readonly minWidth: number;
  readonly maxWidth: number;
}

/**
 * @deprecated Renamed {@link XlsxWorkbookOptions}: it holds more than the look (`creator`,
 * `compressionLevel`, `onWarning`). This alias goes in the next major version.
 */
export type XlsxLookOptions = XlsxWorkbookOptions;

/** {@link XlsxWorkbookOptions} checked and defaulted once. */
export interface ResolvedLook {
  readonly headerStyle: ResolvedHeaderStyle | undefined;
  readonly freezeHeader: boolean;
  readonly autoFilter: boolean;
  readonly autoFit: ResolvedAutoFit | undefined;
  readonly wrapText: boolean;
  readonly onRowLimit: 'newSheet' | 'error';
  readonly onWarning: WarningHandler | undefined;
  readonly createdAt: Date | undefined;
  readonly creator: string;
  readonly compressionLevel: number;
  /** The shared-string table's bounds; undefined for none (every text inline). */
  readonly sharedStrings: SharedStringsBounds | undefined;
  /** Write the reference of every data cell (else only where a cell does not follow the one before it). */
  readonly cellReferences: boolean;
}

/**
 * Checks and defaults the look options once.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the option.
 */
export function resolveLook(options: XlsxWorkbookOptions): ResolvedLook {
  const {
    headerStyle = true,
    freezeHeader = true,
    autoFilter = true,
    autoFit = true,
    wrapText = true,
    onRowLimit = 'newSheet',
    onWarning,
    createdAt,
    creator = 'rowport',
    compressionLevel = 4,
    sharedStrings = true,
    cellReferences = true,
  } = options;
  checkBoolean('freezeHeader', freezeHeader);
  checkBoolean('cellReferences', cellReferences);
  checkBoolean('autoFilter', autoFilter);
  checkBoolean('wrapText', wrapText);
  if (onRowLimit !== 'newSheet' && onRowLimit !== 'error') throw invalidOption('onRowLimit', "'newSheet' or 'error'", onRowLimit);
  if (onWarning !== undefined && typeof onWarning !== 'function') throw invalidOption('onWarning', 'a function', onWarning);
  // core.xml holds a W3CDTF date, four-digit years only: openpyxl (and python's datetime) refuse year 0, signed and 5-digit years.
  if (createdAt !== undefined && !(isDate(createdAt) && createdAt.getTime() >= FIRST_CREATED && createdAt.getTime() < END_CREATED)) {
    throw invalidOption('createdAt', 'a valid Date from 0001-01-01 to 9999-12-31 (UTC)', createdAt);
  }
  if (typeof creator !== 'string') throw invalidOption('creator', 'a string', creator);
  if (!(Number.isInteger(compressionLevel) && compressionLevel >= 0 && compressionLevel <= 9)) {
    throw invalidOption('compressionLevel', 'a whole number from 0 to 9', compressionLevel);
  }
  return {
    headerStyle: resolveHeaderStyle(headerStyle),
    freezeHeader,
    autoFilter,
    autoFit: resolveAutoFit(autoFit),
    wrapText,
    onRowLimit,
    onWarning,
    createdAt,
    creator,
    compressionLevel,
    sharedStrings: resolveSharedStrings(sharedStrings),
    cellReferences,
  };
}

// --- internal ---

/** `createdAt` bounds, in epoch ms: 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
const FIRST_CREATED = -62_135_596_800_000;
const END_CREATED = 253_402_300_800_000;

/** The keys of `headerStyle`; see `ownOptions`. */
const HEADER_STYLE_KEYS = optionKeys<HeaderStyle>({ bold: true, fill: true, color: true });

/** The keys of `autoFit`; see `ownOptions`. */
const AUTO_FIT_KEYS = optionKeys<AutoFitOptions>({ sampleRows: true, minWidth: true, maxWidth: true });

/** The keys of `sharedStrings`; see `ownOptions`. */
const SHARED_STRINGS_KEYS = optionKeys<SharedStringsOptions>({ maxStrings: true, maxBytes: true });

/** The default bounds: on the benchmark's rows at 1M rows, peak RSS stays under 120 MB whatever the text. */
const DEFAULT_SHARED_STRINGS: SharedStringsBounds = { maxStrings: 65_536, maxBytes: 8 * 1024 * 1024 };

function resolveSharedStrings(given: boolean | SharedStringsOptions): SharedStringsBounds | undefined {
  if (given === true) return DEFAULT_SHARED_STRINGS;
  if (given === false) return undefined;
  if (given === null || typeof given !== 'object') throw invalidOption('sharedStrings', 'true, false or { maxStrings, maxBytes }', given);
  const { maxStrings = DEFAULT_SHARED_STRINGS.maxStrings, maxBytes = DEFAULT_SHARED_STRINGS.maxBytes } = ownOptions(
    given,
    SHARED_STRINGS_KEYS,
    'sharedStrings.',
  );
  if (!(Number.isInteger(maxStrings) && maxStrings >= 0 && maxStrings <= 16_777_216)) {
    throw invalidOption('sharedStrings.maxStrings', 'a whole number from 0 to 16,777,216', maxStrings);
  }
  if (!(Number.isInteger(maxBytes) && maxBytes >= 0 && maxBytes <= 1024 ** 3)) {
    throw invalidOption('sharedStrings.maxBytes', 'a whole number from 0 to 1,073,741,824', maxBytes);
  }
  return { maxStrings, maxBytes };
}

const DEFAULT_HEADER: ResolvedHeaderStyle = { bold: true, fill: 'FF4472C4', color: 'FFFFFFFF' };

function resolveHeaderStyle(style: boolean | HeaderStyle): ResolvedHeaderStyle | undefined {
  if (style === true) return DEFAULT_HEADER;
  if (style === false) return undefined;
  if (style === null || typeof style !== 'object') throw invalidOption('headerStyle', 'true, false or { bold, fill, color }', style);
  const { bold = true, fill = '4472C4', color = 'FFFFFF' } = ownOptions(style, HEADER_STYLE_KEYS, 'headerStyle.');
  checkBoolean('headerStyle.bold', bold);
  return { bold, fill: argb('headerStyle.fill', fill), color: argb('headerStyle.color', color) };
}

function argb(name: string, colour: string | null): string | undefined {
  if (colour === null) return undefined;
  const m = typeof colour === 'string' ? /^#?([0-9a-f]{6}|[0-9a-f]{8})$/i.exec(colour) : null;
  if (!m) throw invalidOption(name, "a hex colour 'RRGGBB' or 'AARRGGBB', or null", colour);
  const hex = (m[1] as string).toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}

function resolveAutoFit(autoFit: boolean | AutoFitOptions): ResolvedAutoFit | undefined {
  if (autoFit === false) return undefined;
  if (autoFit === true) return { sampleRows: 300, minWidth: 8, maxWidth: 50 };
  if (autoFit === null || typeof autoFit !== 'object') throw invalidOption('autoFit', 'true, false or { sampleRows, minWidth, maxWidth }', autoFit);
  const { sampleRows = 300, minWidth = 8, maxWidth = 50 } = ownOptions(autoFit, AUTO_FIT_KEYS, 'autoFit.');
  if (!(Number.isInteger(sampleRows) && sampleRows >= 0)) throw invalidOption('autoFit.sampleRows', 'a whole number ≥ 0', sampleRows);
  if (!(typeof minWidth === 'number' && minWidth >= 1 && minWidth <= 255)) throw invalidOption('autoFit.minWidth', 'a number from 1 to 255', minWidth);
  if (!(typeof maxWidth === 'number' && maxWidth >= minWidth && maxWidth <= 255)) {
    throw invalidOption('autoFit.maxWidth', `a number from minWidth (${minWidth}) to 255`, maxWidth);
  }
  return { sampleRows, minWidth, maxWidth };
}
