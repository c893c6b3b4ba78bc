/**
 * rowport: stream rows from any (async) iterable into CSV or XLSX bytes, in constant memory,
 * with backpressure, progress and cancellation.
 * @packageDocumentation
 */
export { selectColumns } from './columns/selectColumns.js';
export { fromCsv, type FromCsvOptions } from './csv/fromCsv.js';
export type { ToCsvOptions } from './csv/options.js';
export { toCsv } from './csv/toCsv.js';
export { formatDate, type FormatDateOptions } from './dates/formatDate.js';
export { formatDates, type FormatDatesOptions } from './dates/formatDates.js';
export { RowportError, RowportErrorCode, isRowportError, type RowportErrorDetails } from './errors.js';
export { exportFileName, type ExportFileNameOptions } from './files/exportFileName.js';
export { exportToFile, type ExportToFileOptions } from './files/exportToFile.js';
export { contentDisposition } from './http/contentDisposition.js';
export type {
  CellValue,
  Column,
  ColumnSpec,
  ColumnType,
  DateFormat,
  ExportSummary,
  ProgressInfo,
  Rows,
  SelectedRow,
  WriterOptions,
} from './types.js';
export { toWorkbook, type SheetSpec, type ToWorkbookOptions } from './xlsx/toWorkbook.js';
export type { ChartLegendPosition, ChartSize, ChartSpec, ChartType } from './xlsx/features/charts/chartOptions.js';
export type { XlsxColumnOptions } from './xlsx/features/columnCells/columnCells.js';
export type { CellOperator, ConditionalFormat, IconSet } from './xlsx/features/conditionalFormats/conditionalFormatOptions.js';
export type { XlsxColumn, XlsxColumnSpec } from './xlsx/features/features.js';
export type { ColumnFormula } from './xlsx/formulas/formulaColumn.js';
export type { LinkValue } from './xlsx/links/links.js';
export type { HeaderFooter, PaperSize, PrintOptions } from './xlsx/features/print/print.js';
export type { CellStyle } from './xlsx/styles/cellStyle.js';
export type { TableOptions, TotalFunction } from './xlsx/features/table/tableOptions.js';
export type { TitleOptions } from './xlsx/features/title/titleBlock.js';
export type { AutoFitOptions, HeaderStyle, SharedStringsOptions, XlsxLookOptions, XlsxWorkbookOptions } from './xlsx/settings/look.js';
export type { ToXlsxOptions } from './xlsx/resolve/options.js';
export { toXlsx } from './xlsx/toXlsx.js';
export { RowportWarningCode, type RowportWarning, type WarningHandler } from './warnings.js';
