import { invalidOption } from '../../../errors.js';
import { columnLetters } from '../../xml/cellRef.js';
import { inlineStringCell } from '../../xml/sheetXml.js';
import { NO_STYLE, type ResolvedCellStyle } from '../../styles/cellStyle.js';

/** Lines above the table: a report name, when it was made, the filters applied. */
export interface TitleOptions {
  /** The report's name, large and bold in row 1. */
  readonly title?: string | undefined;
  /** A line under the title, in grey italics (e.g. `Generated 2026-11-28 10:00 UTC`). */
  readonly subtitle?: string | undefined;
  /** More lines under those (filters applied, notes), plain. */
  readonly preamble?: readonly string[] | undefined;
}

/** The lines of the block with their look; empty when there is no block. */
export interface ResolvedTitleBlock {
  readonly lines: readonly { readonly text: string; readonly style: ResolvedCellStyle; readonly height: number | undefined }[];
  /** Rows the block takes above the header: its lines and one empty row. 0 without a block. */
  readonly rows: number;
}

/** The look of each kind of line. */
export const TITLE_STYLE: ResolvedCellStyle = { ...NO_STYLE, bold: true, size: 16, color: 'FF1F3864' };
export const SUBTITLE_STYLE: ResolvedCellStyle = { ...NO_STYLE, italic: true, color: 'FF595959' };
export const PREAMBLE_STYLE: ResolvedCellStyle = NO_STYLE;

/** Excel's longest cell text. */
const MAX_LINE = 32_767;

/**
 * Checks `title`, `subtitle` and `preamble` once.
 * @param where - Prefix of option names in messages: `''` or `'sheets[1].'`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION`.
 */
export function resolveTitleBlock(where: string, options: TitleOptions): ResolvedTitleBlock {
  const { title, subtitle, preamble = [] } = options;
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
  return { lines, rows: lines.length === 0 ? 0 : lines.length + 1 };
}

/**
 * The rows of the block, from `firstRow`: each line in column A (merged across the table's width by
 * {@link titleMergeRefs}).
 * @param styleOf - The `s` index of a line's style.
 */
export function titleRowsXml(block: ResolvedTitleBlock, styleOf: (style: ResolvedCellStyle) => number, firstRow = 1): string {
  let xml = '';
  block.lines.forEach((line, i) => {
    const r = firstRow + i;
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
  return block.lines.map((_, i) => `A${firstRow + i}:${last}${firstRow + i}`);
}
