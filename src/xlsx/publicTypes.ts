// The XLSX option types both entries export (`rowport` and `rowport/web`), listed once.
export type {
  ChartDataLabels,
  ChartLegendPosition,
  ChartSeries,
  ChartSize,
  ChartSpec,
  ChartType,
  ChartValueAxis,
} from './features/charts/chartOptions.js';
export type { LinkForm, XlsxColumnOptions } from './features/columnCells/columnCells.js';
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
} from './features/conditionalFormats/conditionalFormatOptions.js';
export type { RowStyle } from './features/columnCells/rowStyles.js';
export type { ImageSpec } from './features/images/imagesFeature.js';
export type { PictureOptions } from './drawing/pictures.js';
export type { XlsxColumn, XlsxColumnSpec } from './features/features.js';
export type { CellNote, NotesColumnOptions, NotesSheetOptions, RowNotes } from './features/notes/notesFeature.js';
export type { ProtectAllow, ProtectOptions, ProtectionColumnOptions, ProtectionSheetOptions } from './features/protection/protectionFeature.js';
export type { ValidationColumnOptions } from './features/validation/validationFeature.js';
export type { ListValidation, RangeValidation, Validation, ValidationAlert, ValidationPrompt } from './features/validation/validationOptions.js';
export type { ColumnFormula } from './formulas/formulaColumn.js';
export type { LinkValue } from './links/links.js';
export type { HeaderFooter, PaperSize, PrintOptions } from './features/print/print.js';
export type { CellStyle } from './styles/cellStyle.js';
export type { TableOptions, TotalFunction, TotalsCell } from './features/table/tableOptions.js';
export type { LogoOptions, TitleOptions } from './features/title/titleBlock.js';
export type { AutoFitOptions, HeaderStyle, SharedStringsOptions, XlsxLookOptions, XlsxWorkbookOptions } from './settings/look.js';
export type { ToXlsxOptions } from './resolve/options.js';
