import { RowportError, RowportErrorCode, at, isRowportError, isThenable, notAwaited } from '../../../errors.js';
import type { CellWriter } from '../../cells/cells.js';
import type { SheetColumn } from '../../settings/sheetSettings.js';
import { NO_STYLE, type CellStyle, type ResolvedCellStyle, resolveCellStyle } from '../../styles/cellStyle.js';

/** The sheet option `rowStyle` (see `ColumnCellsSheetOptions`) for a row of type `T`. */
export type RowStyle<T> = (row: T, index: number) => CellStyle | undefined;

/** A sheet's row styles as *layers*: layer 0 is no row style, each distinct style returned adds one. */
export interface RowStyles {
  /** The current row's layer; {@link RowStyles.enter} sets it. */
  readonly layer: number;
  /** Each layer's style, by layer. */
  readonly styles: readonly ResolvedCellStyle[];
  /** Calls `rowStyle` for a row and makes its layer current. */
  enter(row: unknown, index: number): void;
  /** A column's cell writer over the layers: each layer's writer compiled with its first cell. */
  layered(column: SheetColumn, c: number, compile: (c: number, layer: number) => CellWriter): CellWriter;
}

/** The row styles of a sheet, `where` naming its options in errors. */
export function rowStyles(rowStyle: RowStyle<never>, where: string): RowStyles {
  const layerStyles: ResolvedCellStyle[] = [NO_STYLE];
  const layerKeys = new Map<string, number>([[JSON.stringify(NO_STYLE), 0]]);
  const layerByObject = new WeakMap<object, number>();
  const writers: (CellWriter | undefined)[][] = [[]];
  const state = {
    layer: 0,
    styles: layerStyles,
    enter(row: unknown, index: number): void {
      state.layer = layerOf(row, index);
    },
    layered(column: SheetColumn, c: number, compile: (c: number, layer: number) => CellWriter): CellWriter {
      return (value, row, ref) => {
        const layer = state.layer;
        const list = writers[layer] as (CellWriter | undefined)[];
        try {
          return (list[c] ??= compile(c, layer))(value, row, ref);
        } catch (error) {
          // Too many cell formats: name the row whose style needed one more.
          if (!isRowportError(error) || error.row !== undefined) throw error;
          throw new RowportError(error.code, `${at(row, column.key)}rowStyle(): ${error.message}`, { row, column: column.key, cause: error });
        }
      };
    },
  };
  return state;

  /** The layer of a row's style, a new one for a style not seen before. */
  function layerOf(row: unknown, index: number): number {
    const style = callRowStyle(rowStyle, row, index);
    if (style === undefined || style === null) return 0;
    if (typeof style === 'object') {
      const known = layerByObject.get(style);
      if (known !== undefined) return known;
    }
    if (isThenable(style)) throw notAwaited(style, index, undefined); // an async rowStyle(): its Promise has no style keys
    let resolved: ResolvedCellStyle;
    try {
      resolved = resolveCellStyle(`${where}rowStyle()`, style);
    } catch (error) {
      throw new RowportError(RowportErrorCode.InvalidValue, `${at(index, undefined)}${(error as Error).message}`, { row: index, cause: error });
    }
    const key = JSON.stringify(resolved);
    let id = layerKeys.get(key);
    if (id === undefined) {
      if (layerStyles.length >= MAX_ROW_STYLES) {
        throw new RowportError(RowportErrorCode.InvalidValue, `${at(index, undefined)}rowStyle() returned more than ${MAX_ROW_STYLES} different styles`, {
          row: index,
        });
      }
      id = layerStyles.length;
      layerStyles.push(resolved);
      layerKeys.set(key, id);
      writers.push([]);
    }
    if (typeof style === 'object') layerByObject.set(style as object, id);
    return id;
  }
}

// --- internal ---

/** Distinct row styles a sheet may use: each one compiles the sheet's cell writers once more. */
const MAX_ROW_STYLES = 1_000;

/** What `rowStyle` returns for a row; a throw is the row's error. */
function callRowStyle(rowStyle: RowStyle<never>, row: unknown, index: number): unknown {
  try {
    return rowStyle(row as never, index); // the row of the sheet's own type (see rowStyle)
  } catch (error) {
    throw new RowportError(
      RowportErrorCode.InvalidValue,
      `${at(index, undefined)}rowStyle() threw: ${error instanceof Error ? error.message : String(error)}`,
      { row: index, cause: error },
    );
  }
}
