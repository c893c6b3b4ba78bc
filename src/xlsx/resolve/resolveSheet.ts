import { normaliseColumns } from '../../columns/resolveColumns.js';
import { ownProperties } from '../../base/optionKeys.js';
import { FEATURES, type SheetFeatureOptions, xlsxColumnKeys } from '../features/features.js';
import type { FeatureColumn, SheetFeature, WorkbookFeature } from '../seam/feature.js';
import {
  type ColumnFeatureOptions,
  type SheetDefaults,
  type SheetSettings,
  type SheetSettingsOptions,
  resolveSheetSettings,
  withColumnFeatures,
} from '../settings/sheetSettings.js';

/** The options of one sheet: its settings and its features' options. */
export interface SheetOptions<T> extends SheetSettingsOptions<T>, SheetFeatureOptions {}

/**
 * One sheet, resolved once at call time from the workbook's options and its own: its settings
 * (columns with their cell kinds, formats, widths and headers; dates; the look) and its features
 * (autofilter, print setup, charts checked against the columns). Immutable; every later stage
 * (cells, auto-fit, sheet XML, features, parts) reads only this.
 */
export interface ResolvedSheet extends SheetSettings {
  /** The features the sheet uses, in the order of the feature list. */
  readonly features: readonly SheetFeature[];
  /** Rows written above the header by the features (a title block). */
  readonly rowsAbove: number;
}

/**
 * Resolves one sheet.
 * @param options - The options of `toXlsx`, or one `SheetSpec` of `toWorkbook`.
 * @param defaults - The workbook's options, checked, for what the sheet leaves out.
 * @param where - How the sheet's options are named in errors: `''` for `toXlsx`, `'sheets[1].'`.
 * @param name - The requested and the written (repaired, unique) name.
 * @param features - The feature list, in the order their hooks run. @default FEATURES
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming `${where}option`.
 */
export function resolveSheet<T>(
  options: SheetOptions<T>,
  defaults: SheetDefaults,
  where: string,
  name: { readonly requested: string; readonly written: string },
  features: readonly WorkbookFeature<SheetFeatureOptions>[] = FEATURES,
): ResolvedSheet {
  // The features read the columns' own properties too (style, formula, link): each column object
  // becomes a copy of its own properties, as `options` (from `ownOptions`) already is.
  const own = ownProperties(options) as { columns?: unknown };
  own.columns = normaliseColumns(options.columns, `${where}columns`, xlsxColumnKeys(features));
  const sheetOptions = own as SheetOptions<T>;
  const base = resolveSheetSettings(sheetOptions, defaults, where, name, xlsxColumnKeys(features));
  const settings = withColumnFeatures(base, columnFeatureOptions(own.columns as readonly FeatureColumn[] | undefined, features, base));
  const used: SheetFeature[] = [];
  for (const feature of features) {
    const resolved = feature.resolve(sheetOptions, settings);
    if (resolved !== undefined) used.push(ownProperties(resolved)); // `rowsAbove`… never inherited
  }
  const replaced = new Set(used.flatMap((f) => f.replaces ?? []));
  if (replaced.size > 0) used.splice(0, used.length, ...used.filter((f) => !replaced.has(f.name)));
  return Object.freeze({ ...settings, features: used, rowsAbove: used.reduce((n, f) => n + (f.rowsAbove ?? 0), 0) });
}

/** Each column's options of each feature with a `column` hook, checked once: `result[i]` for `columns[i]`. */
function columnFeatureOptions(
  columns: readonly FeatureColumn[] | undefined,
  features: readonly WorkbookFeature<SheetFeatureOptions>[],
  settings: SheetSettings,
): ColumnFeatureOptions[] {
  const hooked = features.filter((feature) => Object.hasOwn(feature, 'column')); // never a `column` from Object.prototype
  return (columns ?? []).map((column, i) => {
    const options = new Map<string, unknown>();
    for (const feature of hooked) {
      const resolved = feature.column?.(column, `${settings.where}columns[${i}]`, settings);
      if (resolved !== undefined) options.set(feature.name, resolved);
    }
    return options;
  });
}
