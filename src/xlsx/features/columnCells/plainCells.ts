import { type CellContext, type CellWriter, compileCell } from '../../cells/cells.js';
import type { StyleRegistry } from '../../package/styles.js';
import type { SheetColumn } from '../../settings/sheetSettings.js';
import { type ResolvedCellStyle, alignmentXml, borderXml, fillXml, fontXml, isPlain } from '../../styles/cellStyle.js';

/** What a column's cell writer is compiled for: its column in one style (column style over row style). */
export interface StyledColumn {
  readonly column: SheetColumn;
  /** The column's style laid over the row's. */
  readonly style: ResolvedCellStyle;
  /** The sheet's style registry. */
  readonly styles: StyleRegistry;
  /** The sheet's cell context, without the styles. */
  readonly context: Omit<CellContext, 'styles'>;
  /** The column's plain cells in `style`: what a link or formula column writes for a value it cannot. */
  readonly plain: CellWriter;
}

/** The column's default cell writer, its cells in `style`. */
export function plainCellWriter(
  column: SheetColumn,
  context: Omit<CellContext, 'styles'>,
  styles: StyleRegistry,
  style: ResolvedCellStyle,
  width: number,
): CellWriter {
  return compileCell(column, { ...context, styles: styleView(styles, style) }, width);
}

/** ` s="N"` of a cell in `style` with a number format. */
export function styleAttr(styles: StyleRegistry, style: ResolvedCellStyle, numFmt: string | undefined): string {
  const id = styles.style({ numFmt, font: fontXml(style), fill: fillXml(style), border: borderXml(style), alignment: alignmentXml(style, false) });
  return id === 0 ? '' : ` s="${id}"`;
}

// --- internal ---

/**
 * The registry as the default cell writer sees it, with `style` laid over every format it asks
 * for: the column's number formats and wrapping stay, the look is added. Interned once per
 * format, so a styled column costs nothing per cell.
 */
function styleView(styles: StyleRegistry, style: ResolvedCellStyle): StyleRegistry {
  if (isPlain(style)) return styles;
  const font = fontXml(style);
  const fill = fillXml(style);
  const border = borderXml(style);
  const view = Object.create(styles) as StyleRegistry;
  view.cell = (numFmt, wrap = false) => styles.style({ numFmt, font, fill, border, alignment: alignmentXml(style, wrap) });
  return view;
}
