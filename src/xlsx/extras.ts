import type { ResolvedColumn } from '../columns/resolveColumns.js';
import { type ChartSheetOptions, chartExtras } from './charts/chartExtras.js';
import { type PrintSheetOptions, printExtras } from './print.js';

/*
 * The seam for sheet features that are written around the rows rather than in them: charts,
 * print setup, page header and footer (issue 5). The rows stream first; a feature only sees a
 * sheet once its rows are known, and adds XML and parts then.
 *
 * How to add a feature:
 * 1. Add its options to `SheetExtraOptions` below. `ToXlsxOptions` and `SheetSpec` extend it, so
 *    both `toXlsx` and every sheet of `toWorkbook` take them.
 * 2. Make a `SheetExtras` from them in `resolveSheetExtras` (called while options are resolved:
 *    throw `invalidOption(...)` there, so that a bad option fails the call before any work).
 * 3. The assembly (`src/xlsx/workbookChunks.ts`) calls, for each physical sheet, in order:
 *    `head(ctx)` before the rows; `tail(ctx)` after `</sheetData>` and `<autoFilter>`;
 *    `definedNames(ctx)` for `xl/workbook.xml`. Parts and relationships are added through the
 *    `SheetContext` methods. `[Content_Types].xml`, `xl/workbook.xml` and every `_rels` part are
 *    zipped after all sheets, so they list whatever the features added.
 *
 * A sheet that passes 1,048,576 rows continues on `Name (2)`: each physical sheet gets its own
 * calls, with `part` 2, 3, … (a feature may skip continuation parts).
 */

/** Options of the sheet features written around the rows. Issue 5 adds `charts`, `headerFooter`, `print`. */
export interface SheetExtraOptions extends ChartSheetOptions, PrintSheetOptions {}

/** What a feature knows about one physical sheet, and how it adds to the package. */
export interface SheetContext {
  /** 0-based position of the sheet in the workbook (`localSheetId` of defined names). */
  readonly sheetIndex: number;
  /** The sheet's name as written (repaired, unique). */
  readonly sheetName: string;
  /** The name quoted for formulas and defined names: `'Class Summary'`. */
  readonly quotedName: string;
  /** Path of the sheet part in the zip: `xl/worksheets/sheet3.xml`. */
  readonly sheetPath: string;
  /** 1 for the sheet itself, 2, 3, … for the continuations `Name (2)`, `Name (3)`. */
  readonly part: number;
  /** The sheet's columns, in order (column A first). */
  readonly columns: readonly ResolvedColumn[];
  /** Column widths in characters, undefined where Excel's default applies. */
  readonly widths: readonly (number | undefined)[];
  /** True when row 1 is the header row. */
  readonly header: boolean;
  /** 1-based number of the first data row (2 with a header, else 1). */
  readonly firstDataRow: number;
  /** 1-based number of the last row written; `firstDataRow - 1` when no data row was written. Known in `tail` only. */
  readonly lastRow: number;
  /** Adds a relationship from the sheet (to a drawing, …); returns its id, `rId1`, `rId2`, … */
  addRelationship(type: string, target: string): string;
  /** Adds a zip entry with an optional content-type override (`/xl/charts/chart1.xml`). */
  addPart(name: string, data: string | Buffer, contentType?: string): void;
  /** Next number of a workbook-wide counter, from 1: `nextNumber('chart')` names `chart1.xml`, `chart2.xml`. */
  nextNumber(kind: string): number;
}

/** Sheet XML elements a feature may add after the rows, in the order CT_Worksheet requires. */
export const TAIL_ELEMENTS = [
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

/** XML fragments by element; the assembly writes them in {@link TAIL_ELEMENTS} order. */
export type SheetTail = Partial<Record<(typeof TAIL_ELEMENTS)[number], string>>;

/** A workbook defined name, e.g. `_xlnm.Print_Titles` for one sheet. */
export interface DefinedName {
  readonly name: string;
  /** The formula, e.g. `'Class Summary'!$1:$1`. */
  readonly value: string;
  /** Scope the name to this sheet (`localSheetId`). */
  readonly local?: boolean;
  readonly hidden?: boolean;
}

/** One feature of one sheet. Every method is optional. */
export interface SheetExtras {
  /** Before the rows: `<sheetPr>` content (e.g. `<pageSetUpPr fitToPage="1"/>`). `lastRow` is not known yet. */
  head?(ctx: SheetContext): { readonly sheetPr?: string };
  /** After the rows: fragments by element. Add parts and relationships through `ctx`. */
  tail?(ctx: SheetContext): SheetTail;
  /** Names for `<definedNames>`. Called after `tail`. */
  definedNames?(ctx: SheetContext): readonly DefinedName[];
}

/**
 * The features of one sheet, from its options. Checks them once, before any work.
 * @param options - The sheet's options (of `toXlsx`, or one `SheetSpec`).
 * @param where - How to name the options in errors: `''` for `toXlsx`, `'sheets[2].'` for a sheet.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION`.
 */
export function resolveSheetExtras(options: SheetExtraOptions, where: string): SheetExtras[] {
  const print = printExtras(options, where);
  const charts = chartExtras(options, where);
  return charts ? [print, charts] : [print];
}
