import type { Column } from '../../types.js';
import type { CellWriter } from '../cells/cells.js';
import type { DefinedName } from '../package/packageParts.js';
import type { StyleRegistry } from '../package/styles.js';
import type { ColumnPlan, SheetColumn, SheetSettings } from '../settings/sheetSettings.js';
import type { RowportWarningCode } from '../xml/warnings.js';

/*
 * The seam for workbook features: what a sheet gets besides its cells (autofilter, print setup,
 * charts, tables, conditional formats, link and formula columns, a title block). This file holds
 * the interfaces only; the features implement them, each in its own folder, and `features.ts` lists
 * them. The assembly (resolve → cells → sheet XML → parts → zip) calls them; see README.md.
 *
 * A feature's life, for each sheet:
 * 1. call time: `column(column, where)` checks the feature's options of each column of `columns`
 *    (they travel with the resolved column); then `resolve(options, settings)` checks and defaults its options once (throwing
 *    `invalidOption(settings.where + 'name', …)`) and returns an immutable `SheetFeature`, or
 *    undefined when the sheet does not use it. `settings.columns` is known when `columns` was given.
 * 2. sheet start (columns bound to the rows, nothing written yet): `start(sheet)` returns the
 *    hooks of this sheet, with whatever state they keep (counters, ranges, totals).
 * 3. each physical sheet (`Name`, then `Name (2)`, … past the row limit): `head`, `rowsAbove`,
 *    then the rows (`observe`), then `tail` and `definedNames`.
 * 4. after the last sheet, once per workbook: `finish(book)` of every feature in the list (parts,
 *    defined names, a hidden sheet of its own, workbook relationships and attributes).
 */

/**
 * An entry of the feature list (`features.ts`). `O` is the sheet options it reads; `C` what it
 * keeps of one column's options (see {@link WorkbookFeature.column}).
 */
export interface WorkbookFeature<O, C = unknown> {
  /** Short name, for messages and tests (`'charts'`); unique in the list. */
  readonly name: string;
  /**
   * Checks and defaults the feature's options of one column of `columns` (`{ key, validation }`),
   * at call time, before `resolve`. What it returns travels with the resolved column
   * (`settings.columns`, `sheet.columns`): read it with {@link columnOptions}.
   * @param column - An own-property copy of the column object (a key alone is `{ key }`), its
   *   {@link Column} properties checked, the feature's not yet.
   * @param where - The column's option name for messages: `columns[2]`, `sheets[1].columns[2]`.
   * @param settings - The sheet's settings (its time zone, date format, `where`).
   * @returns What the feature keeps for this column, or undefined when the column does not use it.
   * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming `${where}.option`.
   */
  column?(column: FeatureColumn, where: string, settings: SheetSettings): C | undefined;
  /** The column options its `column` hook reads (`['validation']`): a column object may hold them. @default [] */
  readonly columnKeys?: readonly string[] | undefined;
  /**
   * Checks and defaults the feature's options of one sheet, at call time, before any work.
   * @param options - The options of `toXlsx`, or one `SheetSpec` of `toWorkbook`.
   * @param settings - The sheet's resolved settings (columns when given, dates, the look, `where`).
   * @returns The feature for this sheet, or undefined when the sheet does not use it.
   * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming `${settings.where}option`.
   */
  resolve(options: O, settings: SheetSettings): SheetFeature | undefined;
  /**
   * Once per workbook, after its last sheet, whether or not a sheet used the feature: what the
   * feature adds to the workbook itself. Read what the sheets left in `book.shared(...)`.
   */
  finish?(book: WorkbookFinish): void;
}

/** One column as a feature's {@link WorkbookFeature.column} gets it: its key, and its own properties unchecked. */
export type FeatureColumn = Column<never> & { readonly [option: string]: unknown };

/**
 * What `feature` keeps of one column's options (its `column` hook's result), or undefined when
 * the column does not use the feature (or came from the first row).
 * @example
 * const rules = columnOptions(conditionalFormatsFeature, sheet.columns[0]);
 */
export function columnOptions<C>(feature: WorkbookFeature<never, C>, column: Pick<ColumnPlan, 'features'>): C | undefined {
  return column.features.get(feature.name) as C | undefined;
}

/**
 * @deprecated Give the feature a {@link WorkbookFeature.column} hook instead: the resolved columns
 * then carry its options.
 *
 * The sheet option `columns` as a feature's `resolve` gets it (`O` of a column-level feature is
 * `{ readonly columns?: FeatureColumns<MyColumnOptions> }`): each column an own-property copy of
 * the column object (a key alone is `{ key }`), its {@link Column} properties checked, the
 * feature's column options `C` not yet: `resolve` checks them.
 */
export type FeatureColumns<C> = readonly (Column<never> & { readonly [K in keyof C]?: unknown })[];

/** A feature resolved for one sheet: immutable, part of the resolved sheet. */
export interface SheetFeature {
  /** The feature's name (as in {@link WorkbookFeature}). */
  readonly name: string;
  /** Names of features this one takes the place of on its sheet (a table's own filter replaces the `autoFilter`). @default [] */
  readonly replaces?: readonly string[] | undefined;
  /** Rows the feature writes above the header row (a title block). The header and data move down. @default 0 */
  readonly rowsAbove?: number | undefined;
  /** Rows the feature writes right under the data rows of each physical sheet (a totals row); the row limit keeps room for them. @default 0 */
  readonly rowsBelow?: number | undefined;
  /**
   * Starts the feature on a sheet whose columns are known, before its first byte. Throwing a
   * `RowportError` here (a chart key that the first row does not have) fails the stream.
   * @returns The hooks for this sheet; keep per-sheet state in them, never in the `SheetFeature`.
   */
  start(sheet: SheetStart): SheetHooks;
}

/** What a feature knows of a sheet when it starts. */
export interface SheetStart {
  readonly settings: SheetSettings;
  /** The columns, in order (column A first), bound to the rows. */
  readonly columns: readonly SheetColumn[];
  /** Column widths in characters, undefined where Excel's default applies. */
  readonly widths: readonly (number | undefined)[];
  /** True when the sheet has a header row. */
  readonly header: boolean;
  /** 1-based row of the header: 1 + the rows above it. Without a header, the row it would be on. */
  readonly headerRow: number;
  /** 1-based row of the first data row (`headerRow + 1` with a header, else `headerRow`). */
  readonly firstDataRow: number;
  /** 1-based first row of this feature's own rows above the header (when it has `rowsAbove`). */
  readonly ownFirstRow: number;
  /** The workbook's cell formats: intern a style (`styles.style({...})`, `styles.dxf(...)`) and use its index. */
  readonly styles: StyleRegistry;
  /** Reports a warning through `onWarning`, with the sheet's name. */
  warn(code: RowportWarningCode, message: string, row?: number, column?: string): void;
  /**
   * Workbook-wide state of a feature, made once per workbook by `make` (the table names taken so far):
   * the store a feature's `resolve` reads as `settings.state` at the call.
   */
  shared<T>(key: string, make: () => T): T;
  /** The workbook the sheet belongs to: its attributes and defined names. */
  readonly workbook: WorkbookContext;
}

/** The workbook as a feature adds to it while sheets are written (`SheetStart.workbook`) and after (`finish`). */
export interface WorkbookContext {
  /**
   * Sets an attribute of `<workbookPr>` or `<calcPr>` of `xl/workbook.xml`: `setAttribute('calcPr',
   * 'fullCalcOnLoad', '1')` asks Excel to calculate formulas written without a cached value.
   */
  setAttribute(element: WorkbookAttributeElement, name: string, value: string): void;
  /** Adds a workbook defined name; `sheetIndex` scopes it to a sheet (with `local`). */
  addDefinedName(name: DefinedName & { readonly sheetIndex?: number | undefined }): void;
  /** Workbook-wide state of features, by key (the same store as `SheetStart.shared`). */
  shared<T>(key: string, make: () => T): T;
}

/** The elements of `xl/workbook.xml` whose attributes features may set. */
export type WorkbookAttributeElement = 'workbookPr' | 'calcPr';

/** The workbook after its last sheet, as `WorkbookFeature.finish` adds to it. */
export interface WorkbookFinish extends WorkbookContext {
  /**
   * Adds a sheet of the feature's own after the user's sheets: a long dropdown list's values, hidden.
   * Its name is reserved (repaired, unique) like any sheet's.
   * @returns The name as written, quoted for formulas (`'Lists'`), and its 0-based position.
   */
  addSheet(sheet: { readonly name: string; readonly xml: string; readonly state?: 'visible' | 'hidden' | 'veryHidden' }): {
    readonly quotedName: string;
    readonly sheetIndex: number;
  };
  /** Adds a zip entry, with its content-type override when given. */
  addPart(name: string, data: string | Uint8Array, contentType?: string): void;
  /** Adds a relationship from `xl/workbook.xml`; returns its id. */
  addRelationship(type: string, target: string): string;
  /** Next number of a workbook-wide counter, from 1 (as `PartContext.nextNumber`). */
  nextNumber(kind: string): number;
}

/** What a feature does on one sheet. Every hook is optional. */
export interface SheetHooks {
  /** The header texts as written (a table needs them unique and non-blank); given the texts so far. */
  headers?(texts: readonly string[]): readonly string[];
  /**
   * Sees each data row before its cells are written (a formula or link that reads other fields, a
   * row style). Only features that need it define it: it runs once per row.
   */
  beforeRow?(row: unknown, index: number, rowNumber: number): void;
  /**
   * What every cell format of a column adds (`{ protection: 'locked="0"' }`: its cells stay
   * editable on a protected sheet), asked once per column before the cell writers are compiled.
   */
  columnFormat?(column: SheetColumn, index: number): ColumnFormat | undefined;
  /**
   * Writes the cells of a column instead of the default writer (a formula or link column); undefined to leave it.
   * @param styles - The registry the column's cells intern their formats in: `SheetStart.styles` with the
   *   features' {@link ColumnFormat}s laid over every format.
   */
  cell?(column: SheetColumn, index: number, styles: StyleRegistry): CellWriter | undefined;
  /** Before the rows of each physical sheet: XML for the sheet's head. */
  head?(part: PartContext): SheetHeadFragments;
  /** Each physical sheet: the `<row>`s above the header, numbered from `ownFirstRow` (`rowsAbove` of them). */
  rowsAbove?(part: PartContext): string;
  /**
   * Sees every data row after it is written: its values in column order (a reused array: copy
   * what you keep), its 1-based row number on the physical sheet and its 0-based source index.
   * Only features that need it define it: it runs once per row.
   */
  observe?(values: readonly unknown[], rowNumber: number, index: number): void;
  /** Each physical sheet: the `<row>`s right under its last data row (`part.lastRow`), `rowsBelow` of them; called before `tail`. */
  rowsBelow?(part: PartContext): string;
  /** After the rows of each physical sheet: fragments by element, in their schema order. Add parts through `part`. */
  tail?(part: PartContext): SheetTail;
  /** Names for `<definedNames>` of the workbook. Called after `tail`. */
  definedNames?(part: PartContext): readonly DefinedName[];
}

/** What a feature adds to every cell format of a column (see `SheetHooks.columnFormat`). */
export interface ColumnFormat {
  /** Attributes of the formats' `<protection>`: `locked="0"`. */
  readonly protection?: string | undefined;
}

/** One physical sheet being written, and how a feature adds to the package. */
export interface PartContext {
  /** 0-based position of the sheet in the workbook (`localSheetId` of defined names). */
  readonly sheetIndex: number;
  /** The sheet's name as written (repaired, unique; `Name (2)` for a continuation). */
  readonly sheetName: string;
  /** The name quoted for formulas and defined names: `'Class Summary'`. */
  readonly quotedName: string;
  /** Path of the sheet part in the zip: `xl/worksheets/sheet3.xml`. */
  readonly sheetPath: string;
  /** 1 for the sheet itself, 2, 3, … for the continuations `Name (2)`, `Name (3)`. */
  readonly part: number;
  /** 1-based number of the last row written; `firstDataRow - 1` when no data row was written. Known in `tail` and after. */
  readonly lastRow: number;
  /** Adds a relationship from the sheet (to a drawing, a table, a link); returns its id, `rId1`, `rId2`, … */
  addRelationship(type: string, target: string, external?: boolean): string;
  /**
   * Adds `count` external relationships of `type`, one for each of `targets` (a sheet's hyperlinks:
   * up to 65,530), numbered on from the part's others; `targets` is read once, when the `.rels`
   * part is streamed, so it may make them as it goes.
   * @returns The number of the first id: the i-th target's id is `rId${first + i}`.
   */
  addExternalRelationships(type: string, count: number, targets: Iterable<string>): number;
  /** Adds a zip entry, with its content-type override (`/xl/charts/chart1.xml`) when given. */
  addPart(name: string, data: string | Uint8Array, contentType?: string): void;
  /** Next number of a workbook-wide counter, from 1: `nextNumber('chart')` names `chart1.xml`, `chart2.xml`. */
  nextNumber(kind: string): number;
  /**
   * The sheet's one drawing part, shared by every feature that draws (charts, images): the assembly
   * writes it, its relationships and the sheet's `<drawing>` when a feature added an anchor.
   */
  readonly drawing: DrawingContext;
}

/** The drawing part of one physical sheet (`xl/drawings/drawingN.xml`), as features add to it. */
export interface DrawingContext {
  /** Adds a relationship from the drawing part (to a chart, an image); returns its id, `rId1`, `rId2`, … */
  addRelationship(type: string, target: string): string;
  /**
   * Adds an anchor (`<xdr:oneCellAnchor>…</xdr:oneCellAnchor>`), in the order added.
   * @param anchor - Makes the anchor's XML from its drawing object id (unique in the part, from 2).
   */
  addAnchor(anchor: (objectId: number) => string): void;
}

/** XML a feature adds to the head of a sheet part (before `<sheetData>`). */
export interface SheetHeadFragments {
  /** Children of `<sheetPr>` (`<pageSetUpPr fitToPage="1"/>`, `<tabColor …/>`), in schema order across features. */
  readonly sheetPr?: string | undefined;
  /** Extra attributes of each column's `<col>` (` style="3"`), by 0-based column; a column gets a `<col>` for them. */
  readonly cols?: readonly (string | undefined)[];
}

/**
 * Sheet XML elements that follow `<sheetData>`, in the order CT_Worksheet requires (ECMA-376
 * Part 1, §18.3.1.99); Excel refuses a sheet with them out of order. Elements not listed are not
 * written by any feature yet: add them here in their place. The wrappers of {@link TAIL_LISTS}
 * and `drawing` are written by the assembly from what features contribute.
 */
export const TAIL_ELEMENTS = [
  'sheetProtection',
  'autoFilter',
  'mergeCells',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'ignoredErrors',
  'drawing',
  'legacyDrawing',
  'tableParts',
  'extLst',
] as const;

/** An element of the sheet tail. */
export type TailElement = (typeof TAIL_ELEMENTS)[number];

/**
 * Tail elements that wrap a list of items and may appear only once in a sheet, so several
 * features contribute items to one wrapper: element → whether it carries a `count` attribute.
 */
export const TAIL_LISTS = { mergeCells: true, dataValidations: true, hyperlinks: false, tableParts: true } as const satisfies Partial<
  Record<TailElement, boolean>
>;

/** A tail element that features contribute items to (`<mergeCell ref="A1:D1"/>` for `mergeCells`). */
export type TailList = keyof typeof TAIL_LISTS;

/** Tail elements a feature writes whole; several features may write `conditionalFormatting` (it repeats), any other only one. */
export type TailFragment = Exclude<TailElement, TailList | 'drawing'>;

/**
 * What a feature adds after `<sheetData>`: whole elements by name, and items of the wrappers of
 * {@link TAIL_LISTS}. The assembly writes them in {@link TAIL_ELEMENTS} order, features in list
 * order within one element, and each wrapper once with its count.
 */
export type SheetTail = Partial<Record<TailFragment, string>> & Partial<Record<TailList, readonly string[]>>;

/** A workbook defined name (`_xlnm.Print_Titles` of one sheet): the package's type, part of the seam. */
export type { DefinedName } from '../package/packageParts.js';
