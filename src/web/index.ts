/**
 * rowport/web: the writers over Web Streams, for every runtime with `ReadableStream` and
 * `CompressionStream` (Cloudflare Workers, Deno, Bun, browsers, Next.js edge routes, Node itself).
 * The same functions and options as `rowport`; the writers return `ReadableStream<Uint8Array>`.
 * Nothing here imports `node:*` or uses `Buffer`.
 * @packageDocumentation
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
  Column,
  ColumnSpec,
  ColumnType,
  DateFormat,
  ProgressInfo,
  Rows,
  SelectedRow,
  WriterOptions,
} from '../types.js';
export { defineSheet, type SheetSpec, type ToWorkbookOptions } from '../xlsx/toWorkbook.js';
export type { ChartLegendPosition, ChartSize, ChartSpec, ChartType } from '../xlsx/features/charts/chartOptions.js';
export type { XlsxColumnOptions } from '../xlsx/features/columnCells/columnCells.js';
export type { CellOperator, ConditionalFormat, IconSet } from '../xlsx/features/conditionalFormats/conditionalFormatOptions.js';
export type { XlsxColumn, XlsxColumnSpec } from '../xlsx/features/features.js';
export type { ColumnFormula } from '../xlsx/formulas/formulaColumn.js';
export type { LinkValue } from '../xlsx/links/links.js';
export type { HeaderFooter, PaperSize, PrintOptions } from '../xlsx/features/print/print.js';
export type { CellStyle } from '../xlsx/styles/cellStyle.js';
export type { TableOptions, TotalFunction } from '../xlsx/features/table/tableOptions.js';
export type { TitleOptions } from '../xlsx/features/title/titleBlock.js';
export type { AutoFitOptions, HeaderStyle, XlsxLookOptions, XlsxWorkbookOptions } from '../xlsx/settings/look.js';
export type { ToXlsxOptions } from '../xlsx/resolve/options.js';
export { RowportWarningCode, type RowportWarning, type WarningHandler } from '../warnings.js';
export { fromCsv } from './fromCsv.js';
export { toCsv, type WebToCsvOptions } from './toCsv.js';
export { toWorkbook, toXlsx } from './toXlsx.js';
