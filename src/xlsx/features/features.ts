import { COLUMN_OPTION_KEYS } from '../../columns/resolveColumns.js';
import { optionKeys } from '../../base/optionKeys.js';
import { autoFilterFeature } from './autoFilter/autoFilter.js';
import { type ChartSheetOptions, chartsFeature } from './charts/chartFeature.js';
import { type ColumnCellsSheetOptions, columnCellsFeature } from './columnCells/columnCells.js';
import {
  type ConditionalFormatColumnOptions,
  type ConditionalFormatSheetOptions,
  conditionalFormatsFeature,
} from './conditionalFormats/conditionalFormatFeature.js';
import type { Column } from '../../types.js';
import type { XlsxColumnOptions } from './columnCells/columnCells.js';
import type { WorkbookFeature } from '../seam/feature.js';
import { type ImageSheetOptions, imagesFeature } from './images/imagesFeature.js';
import { type PrintSheetOptions, printFeature } from './print/print.js';
import { type TableSheetOptions, tableFeature } from './table/tableFeature.js';
import { type TitleSheetOptions, titleFeature } from './title/titleFeature.js';
import { type ValidationColumnOptions, validationFeature } from './validation/validationFeature.js';
import { type NotesColumnOptions, type NotesSheetOptions, notesFeature } from './notes/notesFeature.js';
import { type ProtectionColumnOptions, type ProtectionSheetOptions, protectionFeature } from './protection/protectionFeature.js';

/**
 * The options of every workbook feature: `toXlsx` and each `SheetSpec` of `toWorkbook` take
 * them, a row-typed option (`rowStyle`) typed by the sheet's rows `T` (`never` where any row is
 * taken). A new feature adds its options interface here.
 */
export interface SheetFeatureOptions<T = never>
  extends PrintSheetOptions,
    ChartSheetOptions,
    ImageSheetOptions,
    TableSheetOptions,
    ConditionalFormatSheetOptions,
    TitleSheetOptions,
    ProtectionSheetOptions,
    NotesSheetOptions<T>,
    ColumnCellsSheetOptions<T> {}

/** A column of an XLSX sheet: a {@link Column} with a style, a formula, a link, its own conditional formats, an input rule, a note, `locked`. */
export interface XlsxColumn<T = Record<string, unknown>>
  extends Column<T>,
    XlsxColumnOptions<T>,
    ConditionalFormatColumnOptions,
    ValidationColumnOptions,
    ProtectionColumnOptions,
    NotesColumnOptions {}

/** A column of an XLSX sheet: a key (`'name'`) or an {@link XlsxColumn}. */
export type XlsxColumnSpec<T = Record<string, unknown>> = string | XlsxColumn<T>;

/**
 * The workbook features, in the order their hooks run (and their fragments of one element are
 * written). A new feature adds its entry here; see README.md, "How to add a workbook feature".
 */
export const FEATURES: readonly WorkbookFeature<SheetFeatureOptions>[] = [
  autoFilterFeature,
  titleFeature,
  printFeature,
  chartsFeature,
  imagesFeature,
  tableFeature,
  conditionalFormatsFeature,
  columnCellsFeature,
  validationFeature,
  protectionFeature,
  notesFeature,
];

/**
 * The option keys of every feature, for the unknown-option check of `toXlsx` and of each
 * `SheetSpec`. Typed against {@link SheetFeatureOptions}: a feature's new option is a compile
 * error until it is listed here.
 */
export const FEATURE_OPTION_KEYS: Record<keyof SheetFeatureOptions, true> = {
  charts: true,
  images: true,
  headerFooter: true,
  print: true,
  table: true,
  conditionalFormats: true,
  title: true,
  subtitle: true,
  preamble: true,
  logo: true,
  rowStyle: true,
  protect: true,
  cellNote: true,
  links: true,
};

/**
 * The keys of an XLSX column object: every writer's, and the XLSX features' (see `ownOptions`).
 * Typed against {@link XlsxColumn}; the same as {@link xlsxColumnKeys} of {@link FEATURES} (a test keeps them so).
 */
export const XLSX_COLUMN_KEYS = optionKeys<XlsxColumn>({
  ...COLUMN_OPTION_KEYS,
  style: true,
  formula: true,
  link: true,
  conditionalFormats: true,
  validation: true,
  locked: true,
  note: true,
});

const COLUMN_KEYS_OF = new WeakMap<readonly WorkbookFeature<never>[], ReadonlySet<string>>();

/** The keys of a column object of a sheet resolved with `features`: every writer's, and each feature's `columnKeys`. */
export function xlsxColumnKeys(features: readonly WorkbookFeature<never>[]): ReadonlySet<string> {
  let keys = COLUMN_KEYS_OF.get(features);
  if (keys === undefined) {
    const own = features.flatMap((feature) => (Object.hasOwn(feature, 'columnKeys') ? (feature.columnKeys ?? []) : []));
    keys = new Set([...Object.keys(COLUMN_OPTION_KEYS), ...own]);
    COLUMN_KEYS_OF.set(features, keys);
  }
  return keys;
}
