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
export type {
  ChartDataLabels,
  ChartLegendPosition,
  ChartSeries,
  ChartSize,
  ChartSpec,
  ChartType,
  ChartValueAxis,
} from './xlsx/features/charts/chartOptions.js';
export type { LinkForm, XlsxColumnOptions } from './xlsx/features/columnCells/columnCells.js';
export type {
  AverageRule,
  CellOperator,
  CellRule,
  ColorScaleRule,
  ConditionalFormat,
  DataBarRule,
  IconSet,
  IconSetRule,
  RankRule,
  TextRule,
} from './xlsx/features/conditionalFormats/conditionalFormatOptions.js';
export type { RowStyle } from './xlsx/features/columnCells/rowStyles.js';
export type { ImageSpec } from './xlsx/features/images/imagesFeature.js';
export type { PictureOptions } from './xlsx/drawing/pictures.js';
export type { XlsxColumn, XlsxColumnSpec } from './xlsx/features/features.js';
export type { CellNote, NotesColumnOptions, NotesSheetOptions, RowNotes } from './xlsx/features/notes/notesFeature.js';
export type { ProtectAllow, ProtectOptions, ProtectionColumnOptions, ProtectionSheetOptions } from './xlsx/features/protection/protectionFeature.js';
export type { ValidationColumnOptions } from './xlsx/features/validation/validationFeature.js';
export type { ListValidation, RangeValidation, Validation, ValidationAlert, ValidationPrompt } from './xlsx/features/validation/validationOptions.js';
export type { ColumnFormula } from './xlsx/formulas/formulaColumn.js';
export type { LinkValue } from './xlsx/links/links.js';
export type { HeaderFooter, PaperSize, PrintOptions } from './xlsx/features/print/print.js';
export type { CellStyle } from './xlsx/styles/cellStyle.js';
export type { TableOptions, TotalFunction, TotalsCell } from './xlsx/features/table/tableOptions.js';
export type { LogoOptions, TitleOptions } from './xlsx/features/title/titleBlock.js';
export type { AutoFitOptions, HeaderStyle, SharedStringsOptions, XlsxLookOptions, XlsxWorkbookOptions } from './xlsx/settings/look.js';
export type { ToXlsxOptions } from './xlsx/resolve/options.js';
export { toXlsx } from './node/toXlsx.js';
export { RowportWarningCode, type RowportWarning, type WarningHandler } from './warnings.js';
