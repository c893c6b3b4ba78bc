import { RowportWarningCode } from '../../xml/warnings.js';
import { drawPicture } from '../../drawing/pictures.js';
import type { WorkbookFeature } from '../../seam/feature.js';
import { alignmentXml, borderXml, fillXml, fontXml } from '../../styles/cellStyle.js';
import { LOGO_MARGIN, type TitleOptions, resolveTitleBlock, titleMergeRefs, titleRowsXml } from './titleBlock.js';

/** The options of the title block: `title`, `subtitle`, `preamble`, `logo`. */
export type TitleSheetOptions = TitleOptions;

/**
 * A title block above the table: a logo in a row of its own, the report's name, a subtitle,
 * preamble lines, each merged across the table's width, then an empty row. The header, the frozen pane, the filter, charts
 * and print titles move down with it (the assembly does that from `rowsAbove`). Every physical
 * sheet of a continued sheet repeats it.
 */
export const titleFeature: WorkbookFeature<TitleSheetOptions> = {
  name: 'title',
  resolve(options, settings) {
    const block = resolveTitleBlock(settings.where, options);
    if (block.rows === 0) return undefined;
    return {
      name: 'title',
      rowsAbove: block.rows,
      start(sheet) {
        const first = sheet.ownFirstRow;
        const styleOf = (style: Parameters<typeof fontXml>[0]): number =>
          sheet.styles.style({
            font: fontXml(style),
            fill: fillXml(style),
            border: borderXml(style),
            alignment: alignmentXml(style, false) ?? 'vertical="center"',
          });
        const merges = titleMergeRefs(block, sheet.columns.length, first).map((ref) => `<mergeCell ref="${ref}"/>`);
        // As in any other cell: a lone surrogate, which XML cannot carry, is replaced, with a warning.
        for (const line of block.lines) {
          if (!line.text.isWellFormed())
            sheet.warn(
              RowportWarningCode.LoneSurrogate,
              `a lone surrogate in the title block was replaced by U+FFFD: ${JSON.stringify(line.text.toWellFormed())}`,
            );
        }
        return {
          rowsAbove: () => titleRowsXml(block, styleOf, first),
          tail(part) {
            const { logo } = block;
            if (logo) drawPicture(part, sheet.shared, logo, { col: 0, row: first - 1, colOffset: LOGO_MARGIN, rowOffset: LOGO_MARGIN }, 'Logo');
            return { mergeCells: merges };
          },
        };
      },
    };
  },
};
