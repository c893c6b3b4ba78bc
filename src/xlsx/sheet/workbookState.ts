import type { Progress } from '../../progress/progress.js';
import type { Platform } from '../../platform/platform.js';
import type { RowportWarningCode } from '../xml/warnings.js';
import type { StyleRegistry } from '../package/styles.js';
import type { SharedStrings } from '../package/sharedStrings.js';
import type { WorkbookAdditions, WorkbookAdditionsHost } from './workbookAdditions.js';

/**
 * What the sheets of one workbook share while they are written: the package being built (see
 * {@link WorkbookAdditionsHost}: zip, sheet names, sheets, defined names, content types, counters,
 * features' state), and the run's own state.
 */
export interface WorkbookState extends WorkbookAdditionsHost {
  readonly progress: Progress;
  /** The runtime's text chunks and zip (Node's or the web's). */
  readonly platform: Platform;
  readonly styles: StyleRegistry;
  /** The shared-string table of the workbook's text cells; undefined with `sharedStrings: false`. */
  readonly strings: SharedStrings | undefined;
  /** What features add to the workbook itself (`SheetStart.workbook`, `WorkbookFeature.finish`). */
  readonly book: WorkbookAdditions;
  /** Set when the consumer went away or the export failed: stop writing. */
  cancelled: boolean;
  /** Reports a warning through `onWarning`. */
  warn(code: RowportWarningCode, message: string, sheet: string, row?: number, column?: string): void;
}
