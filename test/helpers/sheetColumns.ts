import { Zone } from '../../src/dates/zone.js';
import type { ColumnSpec } from '../../src/types.js';
import { resolveLook } from '../../src/xlsx/settings/look.js';
import { FeatureState, type SheetColumn, resolveSheetSettings } from '../../src/xlsx/settings/sheetSettings.js';

/** The sheet columns the XLSX writer would bind for these specs and this first row. */
export function sheetColumns(specs: readonly ColumnSpec[] | undefined, firstRow: unknown, dateFormat = 'iso'): readonly SheetColumn[] {
  const defaults = { header: true, dateFormat, timeZone: 'UTC', zone: new Zone('UTC'), maxRows: Infinity, look: resolveLook({}), state: new FeatureState() };
  return resolveSheetSettings({ columns: specs }, defaults, '', { requested: 'Sheet1', written: 'Sheet1' }).bindColumns(firstRow);
}
