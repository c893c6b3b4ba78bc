/**
 * rowport/web: the writers over Web Streams, for every runtime with `ReadableStream` and
 * `CompressionStream` (Cloudflare Workers, Deno, Bun, browsers, Next.js edge routes, Node itself).
 * The same functions and options as `rowport`; the writers return `ReadableStream<Uint8Array>`.
 * Nothing here imports `node:*` or uses `Buffer`.
 * @packageDocumentation
 * @module rowport/web
 */
export { selectColumns, type SelectColumnsOptions } from '../columns/selectColumns.js';
export type { FromCsvOptions } from '../csv/fromCsv.js';
export { formatDate, type FormatDateOptions } from '../dates/formatDate.js';
export { formatDates, type FormatDatesOptions } from '../dates/formatDates.js';
export { RowportError, RowportErrorCode, isRowportError, type RowportErrorDetails } from '../errors.js';
export { exportFileName, type ExportFileNameOptions } from '../files/exportFileName.js';
export { contentDisposition } from '../http/contentDisposition.js';
export type {
  CellValue,
  CheckedColumns,
  Column,
  ColumnKey,
  ColumnSpec,
  ColumnType,
  DateFormat,
  ProgressInfo,
  Rows,
  SelectedRow,
  WriterOptions,
} from '../types.js';
export { defineSheet, type SheetSpec, type ToWorkbookOptions } from '../xlsx/toWorkbook.js';
export type * from '../xlsx/publicTypes.js';
export { RowportWarningCode, type RowportWarning, type WarningHandler } from '../warnings.js';
export { fromCsv } from './fromCsv.js';
export { toCsv, type WebToCsvOptions } from './toCsv.js';
export { toWorkbook, toXlsx } from './toXlsx.js';
