/**
 * rowport: stream rows from any (async) iterable into CSV or XLSX bytes, in constant memory,
 * with backpressure, progress and cancellation.
 * @packageDocumentation
 * @module rowport
 */
export { selectColumns, type SelectColumnsOptions } from './columns/selectColumns.js';
export { fromCsv } from './node/fromCsv.js';
export type { FromCsvOptions } from './csv/fromCsv.js';
export type { GzipOptions, ToCsvOptions } from './csv/options.js';
export { toCsv } from './node/toCsv.js';
export { formatDate, type FormatDateOptions } from './dates/formatDate.js';
export { formatDates, type FormatDatesOptions } from './dates/formatDates.js';
export { RowportError, RowportErrorCode, isRowportError, type RowportErrorDetails } from './errors.js';
export { exportFileName, type ExportFileNameOptions } from './files/exportFileName.js';
export { exportToFile, type ExportToFileOptions } from './files/exportToFile.js';
export { contentDisposition } from './http/contentDisposition.js';
export type {
  CellValue,
  CheckedColumns,
  Column,
  ColumnKey,
  ColumnSpec,
  ColumnType,
  DateFormat,
  ExportSummary,
  ProgressInfo,
  Rows,
  SelectedRow,
  WriterOptions,
} from './types.js';
export { toWorkbook } from './node/toWorkbook.js';
export { defineSheet, type SheetSpec, type ToWorkbookOptions } from './xlsx/toWorkbook.js';
export type * from './xlsx/publicTypes.js';
export { toXlsx } from './node/toXlsx.js';
export { RowportWarningCode, type RowportWarning, type WarningHandler } from './warnings.js';
