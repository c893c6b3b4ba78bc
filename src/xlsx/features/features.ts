import { autoFilterFeature } from './autoFilter/autoFilter.js';
import { type ChartSheetOptions, chartsFeature } from './charts/chartFeature.js';
import type { WorkbookFeature } from './feature.js';
import { type PrintSheetOptions, printFeature } from './print/print.js';

/**
 * The options of every workbook feature: `toXlsx` and each `SheetSpec` of `toWorkbook` take
 * them. A new feature adds its options interface here.
 */
export interface SheetFeatureOptions extends PrintSheetOptions, ChartSheetOptions {}

/**
 * The workbook features, in the order their hooks run (and their fragments of one element are
 * written). A new feature adds its entry here; see README.md, "How to add a workbook feature".
 */
export const FEATURES: readonly WorkbookFeature<SheetFeatureOptions>[] = [autoFilterFeature, printFeature, chartsFeature];
