import { RowReader, assertRows, claimRows } from '../sources/rowReader.js';
import type { Rows } from '../types.js';
import type { WorkbookJob } from './streamWorkbook.js';
import { type ToXlsxOptions, resolveXlsxOptions } from './resolve/options.js';

/**
 * The one-sheet workbook of `toXlsx`, checked at the call (`ROWPORT_INVALID_OPTION`,
 * `ROWPORT_INVALID_SOURCE`), its source claimed: what `streamWorkbook` writes on any runtime.
 */
export function xlsxJob<T>(rows: Rows<T>, options: ToXlsxOptions<T>): WorkbookJob {
  assertRows(rows);
  const { shared, look, names, state, sheet } = resolveXlsxOptions(options);
  claimRows(rows);
  return {
    sheets: [{ sheet, reader: new RowReader(rows, sheet.maxRows) }],
    names,
    look,
    state,
    signal: shared.signal,
    onProgress: shared.onProgress,
    progressInterval: shared.progressInterval,
    total: shared.total,
  };
}
