import type { ResolvedAutoFit } from '../resolve/look.js';
import type { SheetColumn } from '../resolve/sheetSettings.js';

/**
 * Column widths in characters from the header and a sample of rows, as Excel would display them:
 * numbers with their format, dates as their format's length, the longest line of text, wide
 * (CJK, full-width) characters counted double; clamped to `[minWidth, maxWidth]`. A column's
 * explicit `width` wins. Undefined for a column left at Excel's default width.
 */
export function fitWidths(
  columns: readonly SheetColumn[],
  sample: readonly unknown[],
  header: boolean,
  filterButton: boolean,
  fit: ResolvedAutoFit | undefined,
): (number | undefined)[] {
  return columns.map((column, c) => {
    if (column.width !== undefined) return column.width;
    if (fit === undefined) return undefined;
    let widest = header ? textWidth(column.header) + (filterButton ? 2 : 0) : 0;
    const measure = measurer(column);
    for (let r = 0; r < sample.length; r++) {
      const row = sample[r];
      if (row === null || typeof row !== 'object') continue;
      let value: unknown;
      try {
        value = column.read(row, r);
      } catch {
        continue; // the writer reports it with its row
      }
      const width = measure(value);
      if (width > widest) widest = width;
    }
    return Math.min(fit.maxWidth, Math.max(fit.minWidth, widest + 2));
  });
}

/** Display width of text: its longest line, wide characters counted double. */
export function textWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    let width = line.length;
    if (!ASCII.test(line)) {
      width = 0;
      for (const ch of line) width += WIDE.test(ch) ? 2 : 1;
    }
    if (width > widest) widest = width;
  }
  return widest;
}

// --- internal ---

const ASCII = /^[\x00-\x7f]*$/;
/** East Asian wide and full-width characters (Unicode UAX #11 W and F, the common blocks). */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

function measurer(column: SheetColumn): (value: unknown) => number {
  const numFmt = column.numberFormat;
  const dateWidth = displayedLength(column.dateNumFmt);
  const isDateType = column.kind === 'date';
  return (value) => {
    if (value === null || value === undefined || value === '') return 0;
    if (isDateType || value instanceof Date) return dateWidth;
    switch (typeof value) {
      case 'number':
        return Number.isFinite(value) ? numberWidth(value, numFmt) : 6;
      case 'bigint':
        return `${value}`.length;
      case 'boolean':
        return value ? 4 : 5;
      case 'string':
        return textWidth(value.length > 1000 ? value.slice(0, 1000) : value);
      default:
        return 10;
    }
  };
}

/** Width of a number shown with a format: its decimals, grouping, percent sign. */
function numberWidth(value: number, numFmt: string | undefined): number {
  if (numFmt === undefined || numFmt === 'General') {
    const s = `${value}`;
    return s.length > 11 ? Math.min(s.length, 11) : s.length; // General shows at most ~11 characters
  }
  const percent = numFmt.includes('%');
  const dot = numFmt.indexOf('.');
  const decimals = dot === -1 ? 0 : (/^[0#]*/.exec(numFmt.slice(dot + 1))?.[0].length ?? 0);
  const shown = Math.abs(percent ? value * 100 : value).toFixed(decimals);
  const intDigits = shown.split('.')[0]?.length ?? 1;
  const grouping = numFmt.includes(',') ? Math.floor((intDigits - 1) / 3) : 0;
  return shown.length + grouping + (value < 0 ? 1 : 0) + (percent ? 1 : 0);
}

/** Length of what a date format displays: its codes, quotes and escapes removed. */
function displayedLength(numFmt: string): number {
  return numFmt
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/AM\/PM/g, 'AM')
    .replace(/mmmm/g, 'September')
    .replace(/mmm/g, 'Sep')
    .replace(/dddd/g, 'Wednesday')
    .replace(/ddd/g, 'Wed').length;
}
