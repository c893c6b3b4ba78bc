import { invalidOption } from '../../errors.js';
import { type ResolvedWriterOptions, resolveWriterOptions } from '../../writer/writerOptions.js';
import type { WriterOptions } from '../../types.js';
import { FEATURES, FEATURE_OPTION_KEYS, type SheetFeatureOptions, type XlsxColumnSpec, xlsxColumnKeys } from '../features/features.js';
import type { WorkbookFeature } from '../seam/feature.js';
import { LOOK_OPTION_KEYS, type ResolvedLook, type XlsxWorkbookOptions, resolveLook } from '../settings/look.js';
import { FeatureState } from '../settings/sheetSettings.js';
import { type ResolvedSheet, resolveSheet } from './resolveSheet.js';
import { SheetNames } from '../package/sheetName.js';
import { WRITER_OPTION_KEYS, optionKeys, ownOptions } from '../../base/optionKeys.js';

/** Options of `toXlsx`: the shared writer options, the look, and the sheet's features. */
export interface ToXlsxOptions<T = Record<string, unknown>> extends WriterOptions<T>, XlsxWorkbookOptions, SheetFeatureOptions<T> {
  /** Name of the sheet; repaired if Excel would refuse it. @default 'Sheet1' */
  readonly sheetName?: string | undefined;
  /** Which columns, in order, with headers, types, widths, styles, formulas and links. @default the first row's keys */
  readonly columns?: readonly XlsxColumnSpec<T>[] | undefined;
}

/** {@link ToXlsxOptions} checked and defaulted once. */
export interface ResolvedXlsxOptions<T> {
  /** The options of the run: progress, cancellation, total. */
  readonly shared: ResolvedWriterOptions<T>;
  readonly look: ResolvedLook;
  readonly names: SheetNames;
  /** The workbook's feature state, as the sheet's `resolve` hooks left it. */
  readonly state: FeatureState;
  readonly sheet: ResolvedSheet;
}

/**
 * Checks and defaults every `toXlsx` option once; errors name the option as given (`timeZone`).
 * @param features - The feature list the sheet is resolved with. @default FEATURES
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the option.
 */
export function resolveXlsxOptions<T>(given: ToXlsxOptions<T>, features: readonly WorkbookFeature<SheetFeatureOptions>[] = FEATURES): ResolvedXlsxOptions<T> {
  const options = ownOptions(given, TO_XLSX_KEYS); // own properties only, in a copy every stage reads
  const shared = resolveWriterOptions(options, xlsxColumnKeys(features));
  const { sheetName = 'Sheet1' } = options;
  if (typeof sheetName !== 'string') throw invalidOption('sheetName', 'a string', sheetName);
  const look = resolveLook(options);
  const names = new SheetNames();
  const name = { requested: sheetName, written: names.add(sheetName, 'Sheet1') };
  const state = new FeatureState();
  return { shared, look, names, state, sheet: resolveSheet(options, { ...shared, look, state }, '', name, features) };
}

// --- internal ---

/** The keys of `toXlsx` options; see `ownOptions`. */
const TO_XLSX_KEYS = optionKeys<ToXlsxOptions>({
  ...WRITER_OPTION_KEYS,
  sheetName: true,
  ...LOOK_OPTION_KEYS,
  ...FEATURE_OPTION_KEYS,
});
