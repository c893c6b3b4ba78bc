import { invalidOption } from '../../../errors.js';
import { optionKeys, ownOptions } from '../../../base/optionKeys.js';
import { type PictureOptions, type ResolvedPicture, resolvePicture } from '../../drawing/pictures.js';
import { columnLetters } from '../../xml/cellRef.js';
import { MAX_SHEET_ROWS, inlineStringCell } from '../../xml/sheetXml.js';
import { NO_STYLE, type ResolvedCellStyle } from '../../styles/cellStyle.js';

/** Lines above the table: a report name, when it was made, the filters applied. */
export interface TitleOptions {
  /** The report's name, large and bold in row 1. */
  readonly title?: string | undefined;
  /** A line under the title, in grey italics (e.g. `Generated 2026-11-28 10:00 UTC`). */
  readonly subtitle?: string | undefined;
  /** More lines under those (filters applied, notes), plain. */
  readonly preamble?: readonly string[] | undefined;
  /**
   * A picture (a company logo) at the top of the block, in a row of its own made tall enough for
   * it, so it never covers the title's text or the table; every part of a sheet continued past the
   * row limit repeats it with the block. See {@link LogoOptions}. Absent: no logo.
   */
  readonly logo?: LogoOptions | undefined;
}

/**
 * The title block's logo: PNG or JPEG bytes, sized in pixels (its own size by default; one of
 * `width` and `height` keeps its proportions), at most 537 pixels high (a row is at most 409 points).
 * @example
 * { image: readFileSync('logo.png'), height: 48, altText: 'Northwind School' }
 */
export type LogoOptions = PictureOptions;

/** Tallest logo, in pixels: Excel's tallest row (409 points) less the logo's margins. */
export const MAX_LOGO_HEIGHT = 537;
/** The margin around the logo in its row, in pixels. */
export const LOGO_MARGIN = 4;

/** The lines of the block with their look; empty when there is no block. */
export interface ResolvedTitleBlock {
  readonly lines: readonly { readonly text: string; readonly style: ResolvedCellStyle; readonly height: number | undefined }[];
  /** The logo, in the block's first row (the lines follow it), or undefined. */
  readonly logo: ResolvedPicture | undefined;
  /** Rows the block takes above the header: the logo's, its lines and one empty row. 0 without a block. */
  readonly rows: number;
}

/** The look of each kind of line. */
export const TITLE_STYLE: ResolvedCellStyle = { ...NO_STYLE, bold: true, size: 16, color: 'FF1F3864' };
export const SUBTITLE_STYLE: ResolvedCellStyle = { ...NO_STYLE, italic: true, color: 'FF595959' };
export const PREAMBLE_STYLE: ResolvedCellStyle = NO_STYLE;

/** Excel's longest cell text. */
const MAX_LINE = 32_767;
/** Most rows a block may take: it leaves room under it for a header, a data row and a totals row. */
const MAX_BLOCK_ROWS = MAX_SHEET_ROWS - 3;

/**
 * Checks `title`, `subtitle` and `preamble` once.
 * @param where - Prefix of option names in messages: `''` or `'sheets[1].'`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION`.
 */
export function resolveTitleBlock(where: string, options: TitleOptions): ResolvedTitleBlock {
  const { title, subtitle, preamble = [], logo } = options;
  const lines: { text: string; style: ResolvedCellStyle; height: number | undefined }[] = [];
  for (const [name, text, style, height] of [
    ['title', title, TITLE_STYLE, 24],
    ['subtitle', subtitle, SUBTITLE_STYLE, undefined],
  ] as const) {
    if (text === undefined) continue;
    if (typeof text !== 'string' || text.length > MAX_LINE) throw invalidOption(`${where}${name}`, `a string of at most ${MAX_LINE} characters`, text);
    lines.push({ text, style, height });
  }
  if (!Array.isArray(preamble)) throw invalidOption(`${where}preamble`, 'an array of strings', preamble);
  preamble.forEach((text: unknown, i) => {
    if (typeof text !== 'string' || text.length > MAX_LINE) throw invalidOption(`${where}preamble[${i}]`, `a string of at most ${MAX_LINE} characters`, text);
    lines.push({ text, style: PREAMBLE_STYLE, height: undefined });
  });
  const picture = resolveLogo(logo, `${where}logo`);
  const own = lines.length + (picture ? 1 : 0);
  const rows = own === 0 ? 0 : own + 1;
  if (rows > MAX_BLOCK_ROWS) {
    throw invalidOption(
      `${where}preamble`,
      `a title block of at most ${MAX_BLOCK_ROWS} rows (a sheet's rows less a header, a row and a totals row)`,
      preamble,
      `It takes ${rows} rows`,
    );
  }
  return { lines, logo: picture, rows };
}

/**
 * The rows of the block, from `firstRow`: each line in column A (merged across the table's width by
 * {@link titleMergeRefs}).
 * @param styleOf - The `s` index of a line's style.
 */
export function titleRowsXml(block: ResolvedTitleBlock, styleOf: (style: ResolvedCellStyle) => number, firstRow = 1): string {
  // The logo's row: tall enough for it and its margins (rows are whole pixels, 0.75 point each).
  let xml = block.logo ? `<row r="${firstRow}" ht="${(block.logo.height + 2 * LOGO_MARGIN) * 0.75}" customHeight="1"/>` : '';
  const first = firstRow + (block.logo ? 1 : 0);
  block.lines.forEach((line, i) => {
    const r = first + i;
    const s = styleOf(line.style);
    const text = line.text.toWellFormed();
    const height = line.height === undefined ? '' : ` ht="${line.height}" customHeight="1"`;
    const cell = text === '' ? '' : inlineStringCell(`A${r}`, s ? ` s="${s}"` : '', text);
    xml += `<row r="${r}"${height}>${cell}</row>`;
  });
  return xml;
}

/** The merged ranges of the block's lines across `width` columns (none for one column). */
export function titleMergeRefs(block: ResolvedTitleBlock, width: number, firstRow = 1): string[] {
  if (width < 2) return [];
  const last = columnLetters(width - 1);
  const first = firstRow + (block.logo ? 1 : 0);
  return block.lines.map((_, i) => `A${first + i}:${last}${first + i}`);
}

// --- internal ---

const LOGO_KEYS = optionKeys<LogoOptions>({ image: true, width: true, height: true, altText: true });

function resolveLogo(logo: unknown, option: string): ResolvedPicture | undefined {
  if (logo === undefined) return undefined;
  if (logo === null || typeof logo !== 'object' || Array.isArray(logo) || logo instanceof Uint8Array) {
    throw invalidOption(option, 'a logo object ({ image })', logo, logo instanceof Uint8Array ? 'Write logo: { image: bytes }' : undefined);
  }
  const own = ownOptions(logo as LogoOptions, LOGO_KEYS, `${option}.`);
  const picture = resolvePicture(own, option);
  if (picture.height > MAX_LOGO_HEIGHT) {
    const given = own.height !== undefined ? 'height' : own.width !== undefined ? 'width' : 'image';
    throw invalidOption(
      `${option}.${given}`,
      `a logo at most ${MAX_LOGO_HEIGHT} pixels high (Excel's tallest row)`,
      given === 'image' ? own.image : own[given],
      `It would be ${picture.height} pixels high: give \`height\` (e.g. height: 64)`,
    );
  }
  return picture;
}
