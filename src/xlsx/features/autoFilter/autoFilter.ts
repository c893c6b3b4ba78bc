import { columnLetters } from '../../xml/cellRef.js';
import type { SheetFeature, WorkbookFeature } from '../../seam/feature.js';

/**
 * The autofilter over the header and the written rows (the look's `autoFilter`, on by default),
 * with the hidden `_xlnm._FilterDatabase` name Excel keeps beside it. Each physical sheet gets its
 * own, over its rows. Nothing on a sheet without a header row, nor on one with a table: the table
 * feature `replaces` this one (a table has its own filter buttons, and Excel refuses a sheet
 * autofilter over a table).
 */
export const autoFilterFeature: WorkbookFeature<object> = {
  name: 'autoFilter',
  resolve: (_options, settings) => (settings.look.autoFilter ? AUTO_FILTER : undefined),
};

// --- internal ---

const AUTO_FILTER: SheetFeature = {
  name: 'autoFilter',
  start(sheet) {
    if (!sheet.header) return {};
    const { headerRow } = sheet;
    const lastColumn = columnLetters(Math.max(0, sheet.columns.length - 1));
    const last = (lastRow: number): number => Math.max(headerRow, lastRow);
    return {
      tail: (part) => ({ autoFilter: `<autoFilter ref="A${headerRow}:${lastColumn}${last(part.lastRow)}"/>` }),
      definedNames: (part) => [
        { name: '_xlnm._FilterDatabase', value: `${part.quotedName}!$A$${headerRow}:$${lastColumn}$${last(part.lastRow)}`, local: true, hidden: true },
      ],
    };
  },
};
