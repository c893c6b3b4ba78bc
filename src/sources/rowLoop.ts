import type { RowReader } from './rowReader.js';
import { checkRow, longerRow } from './rowShape.js';

// The row-loop skeleton the CSV and XLSX writers share: batches read from the source, and each
// row checked (kind, length) before the writer hands it on to its cells. The writers keep their
// own loops, because each yields or awaits inside them; what a loop repeats lives here, once.

/** Rows read from the source at a time: few, because the rows of a batch stay alive together through a GC. */
export const BATCH = 64;

/**
 * The next batch of up to {@link BATCH} rows, an empty array once the rows have ended. A promise
 * only for an async source, so that a sync source is read without one.
 * @throws {RowportError} `ROWPORT_SOURCE_FAILED` (cause kept) or `ROWPORT_MAX_ROWS`.
 */
export function nextBatch<T>(reader: RowReader<T>): T[] | Promise<T[]> {
  return reader.readBatch(BATCH);
}

/** How the columns were bound to the first row; see {@link RowShape}. */
export interface RowShapeOptions {
  /** The number of columns bound. */
  readonly width: number;
  /** True when the columns are the positions of the first row (array rows without `columns`). */
  readonly positions: boolean;
}

/**
 * What every row of one export must be like: the kind of the first row (array or object), and,
 * when the columns are the first row's positions, no more items than it has.
 */
export class RowShape {
  /** True when the first row is an array. */
  readonly arrays: boolean;
  private readonly width: number;
  private readonly positions: boolean;

  /** @param first - The first row, or undefined when there is none. */
  constructor(first: unknown, { width, positions }: RowShapeOptions) {
    this.arrays = Array.isArray(first);
    this.width = width;
    this.positions = this.arrays && positions;
  }

  /**
   * Checks row `index` before its cells are read. Runs per row: no allocation unless it throws.
   * @throws {RowportError} `ROWPORT_INVALID_VALUE` for a row that is no row, of the other kind, or longer.
   */
  check(row: unknown, index: number): void {
    checkRow(row, index, this.arrays);
    if (this.positions && (row as unknown[]).length > this.width) throw longerRow(row as unknown[], index, this.width);
  }
}
