import { CallbackWatch, callUser } from '../base/callUser.js';
import type { ProgressInfo } from '../types.js';

/**
 * Counts rows and bytes and reports them through `onProgress` at most every `interval` ms,
 * with one final report. Cheap to call per row: it looks at the clock every 64 rows.
 */
export class Progress {
  rows = 0;
  bytes = 0;
  sheet: string | undefined;
  /** Rows of the current sheet; the XLSX writers count them. */
  sheetRows: number | undefined;
  private last = 0;
  private readonly callback: ((progress: ProgressInfo) => void) | undefined;
  /** The promises the export's callbacks returned (`onProgress`, and the writer's `onWarning`). */
  readonly watch = new CallbackWatch();

  constructor(
    onProgress: ((progress: ProgressInfo) => void) | undefined,
    private readonly interval: number,
    private readonly total: number | undefined,
  ) {
    this.callback = onProgress;
    this.last = Date.now();
  }

  get enabled(): boolean {
    return this.callback !== undefined;
  }

  /** Call after a row; reports when the interval has passed. */
  row(): void {
    this.rows++;
    if (this.callback !== undefined && (this.rows & 63) === 0) this.tick();
  }

  /** Adds produced bytes; reports when the interval has passed. */
  addBytes(n: number): void {
    this.bytes += n;
    if (this.callback !== undefined) this.tick();
  }

  /** Reports if the interval has passed. */
  tick(): void {
    const now = Date.now();
    if (now - this.last >= this.interval) {
      this.last = now;
      this.report(false);
    }
  }

  /** The final report, percent 100 when `total` is known. */
  final(): void {
    this.report(true);
  }

  // --- internal ---

  private report(final: boolean): void {
    if (this.callback === undefined) return;
    const info: { -readonly [K in keyof ProgressInfo]: ProgressInfo[K] } = { rows: this.rows, bytes: this.bytes };
    if (this.total !== undefined) {
      info.total = this.total;
      info.percent = final ? 100 : this.total > 0 ? Math.min(100, (this.rows / this.total) * 100) : 0;
    }
    if (this.sheet !== undefined) info.sheet = this.sheet;
    if (this.sheetRows !== undefined) info.sheetRows = this.sheetRows;
    callUser('onProgress', this.callback, info, this.watch);
  }
}
