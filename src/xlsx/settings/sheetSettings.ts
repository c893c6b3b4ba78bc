import type { ResolvedColumn } from '../../columns/resolveColumns.js';
import { bindColumns, normaliseColumns } from '../../columns/resolveColumns.js';
import { Zone, checkTimeZone } from '../../dates/zone.js';
import { RowportError, RowportErrorCode } from '../../errors.js';
import { checkBoolean, checkDateFormat, checkMaxRows } from '../../writer/writerOptions.js';
import type { ColumnSpec, ColumnType, DateFormat } from '../../types.js';
import { MAX_SHEET_COLUMNS } from '../xml/cellRef.js';
import type { ResolvedLook } from './look.js';
import { cellNumFmt, checkExcelDateFormat, checkNumFmt } from './numFmt.js';

/**
 * How a column's cells are written, from its type: `date` (serials with a date format), `number`
 * (`integer`, `decimal`, `percent`: numeric strings become numbers), `text` (`string`: everything
 * as text), `any` (no type, or `boolean`: each value as what it is).
 */
export type CellKind = 'date' | 'number' | 'text' | 'any';

/** A column of a sheet as every stage of the XLSX writer sees it, before it meets the rows. */
export interface ColumnPlan {
  readonly key: string;
  readonly header: string;
  readonly type: ColumnType | undefined;
  readonly kind: CellKind;
  /** The column's own `numFmt`, if any. */
  readonly numFmt: string | undefined;
  /** Number format of its number cells (from {@link cellNumFmt}); undefined for General. */
  readonly numberNumFmt: string | undefined;
  /** Number format of its date cells (from {@link cellNumFmt}). */
  readonly dateNumFmt: string;
  /** The column's own `width` in characters; undefined when it is auto-fitted (or left at Excel's default). */
  readonly width: number | undefined;
  /**
   * Each feature's options of this column, checked at call time, by feature name (the feature's
   * `column` hook made them; read them typed with `columnOptions(feature, column)`). Empty for
   * columns that come from the first row.
   */
  readonly features: ColumnFeatureOptions;
}

/** A column's options of each feature, by the feature's name; see {@link ColumnPlan.features}. */
export type ColumnFeatureOptions = ReadonlyMap<string, unknown>;

const NO_FEATURE_OPTIONS: ColumnFeatureOptions = new Map();

/**
 * A {@link ColumnPlan} bound to the rows: the XLSX form of a {@link ResolvedColumn} (the resolved
 * column both writers read), with its cell kind and number formats.
 */
export interface SheetColumn extends ColumnPlan, ResolvedColumn {}

/**
 * Everything about one sheet that is known at call time, checked and defaulted once: the part of
 * a resolved sheet that its features read while they resolve their own options.
 */
export interface SheetSettings extends SheetDefaults {
  /** Prefix of the sheet's option names in messages: `''` for `toXlsx`, `'sheets[1].'` for a sheet of `toWorkbook`. */
  readonly where: string;
  /** The name asked for. */
  readonly requestedName: string;
  /** The name as written (repaired, unique in the workbook). */
  readonly name: string;
  /** The columns, when `columns` was given; undefined when the first row decides. */
  readonly columns: readonly ColumnPlan[] | undefined;
  /** The sheet's columns for its actual rows: from `columns`, or from the first row (`undefined` for an empty source). */
  readonly bindColumns: (firstRow: unknown) => readonly SheetColumn[];
}

/**
 * The settings with each given column carrying its features' options (`features[i]` for
 * `columns[i]`), at call time and once bound to the rows.
 */
export function withColumnFeatures(settings: SheetSettings, features: readonly ColumnFeatureOptions[]): SheetSettings {
  if (settings.columns === undefined || features.every((f) => f.size === 0)) return settings;
  const attach = <C extends ColumnPlan>(column: C, i: number): C => ({ ...column, features: features[i] ?? NO_FEATURE_OPTIONS });
  const { bindColumns } = settings;
  return { ...settings, columns: settings.columns.map(attach), bindColumns: (firstRow) => bindColumns(firstRow).map(attach) };
}

/** The options of one sheet that {@link resolveSheetSettings} reads. */
export interface SheetSettingsOptions<T> {
  readonly columns?: readonly ColumnSpec<T>[] | undefined;
  readonly header?: boolean | undefined;
  readonly dateFormat?: DateFormat | undefined;
  readonly timeZone?: string | undefined;
  readonly maxRows?: number | undefined;
}

/**
 * Workbook-wide state of features, by key, made at the call: what a feature's `resolve` keeps for
 * the workbook's next sheets (the table names given so far), and the same store `SheetStart.shared`
 * reads while the sheets stream.
 */
export class FeatureState {
  private readonly values = new Map<string, unknown>();

  /** The state under `key`, made by `make` the first time it is asked for. */
  get<T>(key: string, make: () => T): T {
    if (!this.values.has(key)) this.values.set(key, make());
    return this.values.get(key) as T;
  }
}

/** What a sheet takes when it does not say: the workbook's options, already checked. */
export interface SheetDefaults {
  /** Write a header row (a source of arrays without `columns` has none, whatever this says). */
  readonly header: boolean;
  readonly dateFormat: DateFormat;
  readonly timeZone: string;
  readonly zone: Zone;
  readonly maxRows: number;
  /** The look every sheet of the workbook shares. */
  readonly look: ResolvedLook;
  /** The workbook's feature state, shared by its sheets at the call and as they stream. */
  readonly state: FeatureState;
}

/**
 * Checks and defaults the sheet's own settings once, naming each option `${where}name`.
 * @param options - The sheet's options (a `SheetSpec`, or the options of `toXlsx`).
 * @param defaults - The workbook's, for what the sheet leaves out.
 * @param where - `''` or `'sheets[1].'`.
 * @param name - The requested and the written name.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION`.
 */
export function resolveSheetSettings<T>(
  options: SheetSettingsOptions<T>,
  defaults: SheetDefaults,
  where: string,
  name: { readonly requested: string; readonly written: string },
  columnKeys?: ReadonlySet<string>,
): SheetSettings {
  if (Array.isArray(options.columns) && options.columns.length > MAX_SHEET_COLUMNS) {
    throw new RowportError(
      RowportErrorCode.InvalidOption,
      `Invalid option \`${where}columns\`: expected at most ${MAX_SHEET_COLUMNS} columns (all an XLSX sheet holds), got ${options.columns.length}`,
    );
  }
  const specs = normaliseColumns(options.columns, `${where}columns`, columnKeys);
  for (const [i, c] of (specs ?? []).entries()) if (c.numFmt !== undefined) checkNumFmt(c.numFmt, `${where}columns[${i}].numFmt`);
  const { header = defaults.header, dateFormat = defaults.dateFormat, timeZone = defaults.timeZone, maxRows = defaults.maxRows } = options;
  checkBoolean(`${where}header`, header);
  if (dateFormat !== defaults.dateFormat) checkDateFormat(dateFormat, `${where}dateFormat`);
  checkExcelDateFormat(dateFormat, options.dateFormat === undefined ? 'dateFormat' : `${where}dateFormat`, specs);
  const zone = timeZone === defaults.timeZone ? defaults.zone : new Zone(checkTimeZone(timeZone, `${where}timeZone`));
  checkMaxRows(maxRows, `${where}maxRows`);
  return {
    where,
    requestedName: name.requested,
    name: name.written,
    columns: specs?.map((c) => planColumn(c.key, c.header ?? c.key, c.type, c.numFmt, c.width, dateFormat)),
    header,
    dateFormat,
    timeZone,
    zone,
    maxRows,
    look: defaults.look,
    state: defaults.state,
    bindColumns: (firstRow) =>
      bindColumns(specs, firstRow).map((c) => ({ ...planColumn(c.key, c.header, c.type, c.numFmt, c.width, dateFormat), read: c.read, computed: c.computed })),
  };
}

/** The plan of one column: its cell kind and formats from its type, `numFmt` and the sheet's `dateFormat`. */
export function planColumn(
  key: string,
  header: string,
  type: ColumnType | undefined,
  numFmt: string | undefined,
  width: number | undefined,
  dateFormat: string,
): ColumnPlan {
  const column = { type, numFmt };
  return {
    key,
    header,
    type,
    kind:
      type === 'date' || type === 'datetime'
        ? 'date'
        : type === 'integer' || type === 'decimal' || type === 'percent'
          ? 'number'
          : type === 'string'
            ? 'text'
            : 'any',
    numFmt,
    numberNumFmt: cellNumFmt('number', column, dateFormat),
    dateNumFmt: cellNumFmt('date', column, dateFormat),
    width,
    features: NO_FEATURE_OPTIONS,
  };
}
