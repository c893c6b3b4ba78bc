import type { Progress } from '../../progress/progress.js';
import type { SheetNames } from '../package/sheetName.js';
import type { RowportWarningCode } from '../xml/warnings.js';
import type { ScopedName, WorkbookSheet } from '../package/packageParts.js';
import type { StyleRegistry } from '../package/styles.js';
import type { WorkbookAdditions } from './workbookAdditions.js';
import type { ZipWriter } from '../package/zip.js';

/** What the sheets of one workbook share while they are written. */
export interface WorkbookState {
  readonly zip: ZipWriter;
  readonly progress: Progress;
  readonly styles: StyleRegistry;
  readonly names: SheetNames;
  /** Physical sheets in order, continuations included. */
  readonly sheets: WorkbookSheet[];
  readonly definedNames: ScopedName[];
  /** Content-type overrides added by features: part name (`/xl/charts/chart1.xml`) → type. */
  readonly overrides: Map<string, string>;
  /** Workbook-wide counters of features (`chart`, `drawing`). */
  readonly counters: Map<string, number>;
  /** Workbook-wide state of features, by key (see `SheetStart.shared`). */
  readonly shared: Map<string, unknown>;
  /** What features add to the workbook itself (`SheetStart.workbook`, `WorkbookFeature.finish`). */
  readonly book: WorkbookAdditions;
  /** Set when the consumer went away or the export failed: stop writing. */
  cancelled: boolean;
  /** Reports a warning through `onWarning`. */
  warn(code: RowportWarningCode, message: string, sheet: string, row?: number, column?: string): void;
}
