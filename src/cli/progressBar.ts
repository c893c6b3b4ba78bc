import type { Writable } from 'node:stream';

/** What the bar shows; read on every redraw. */
export interface ProgressState {
  /** Rows written. */
  readonly rows: number;
  /** Output bytes written. */
  readonly bytes: number;
  /** Input bytes read, with `inputSize` for percent when `total` is not known. */
  readonly inputBytes: number;
}

export interface ProgressBarOptions {
  /** stderr is a terminal: redraw one line in place; else print a line now and then. */
  readonly tty: boolean;
  /** Terminal width. @default 80 */
  readonly columns?: number | undefined;
  /** Expected rows (`--total`): percent from rows. */
  readonly total?: number | undefined;
  /** Input file size: percent from input bytes when `total` is not given. */
  readonly inputSize?: number | undefined;
  /** Milliseconds between redraws. @default 100 on a terminal, 1000 otherwise */
  readonly interval?: number;
  /** Clock, for tests. @default performance.now */
  readonly now?: () => number;
}

/**
 * A progress line on stderr: rows, rows/s, bytes written, and percent with ETA when the input
 * size or the expected total is known. On a terminal it redraws in place and is erased at the
 * end; elsewhere (`--progress` into a log) it prints a plain line every second.
 */
export class ProgressBar {
  private timer: NodeJS.Timeout | undefined;
  private readonly started: number;
  private readonly now: () => number;
  private drawn = false;

  constructor(
    private readonly stream: Writable,
    private readonly state: () => ProgressState,
    private readonly options: ProgressBarOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  /** Starts redrawing on a timer (unref'd: it never keeps the process alive). */
  start(): this {
    this.timer = setInterval(() => this.draw(), this.options.interval ?? (this.options.tty ? 100 : 1000));
    this.timer.unref();
    return this;
  }

  /** Stops; on a terminal the bar line is erased, so the summary or an error takes its place. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.options.tty && this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  /** Draws once now. */
  draw(): void {
    const line = this.render();
    if (this.options.tty) this.stream.write(`\r${line}\x1b[K`);
    else this.stream.write(`${line}\n`);
    this.drawn = true;
  }

  /**
   * The text of the bar, without control characters. On a terminal every field has a fixed width
   * (numbers right-aligned, the ETA padded), so the line keeps its length from frame to frame and
   * nothing jumps; into a log the fields are compact.
   */
  render(): string {
    const { rows, bytes, inputBytes } = this.state();
    const { tty } = this.options;
    const seconds = Math.max((this.now() - this.started) / 1000, 0.001);
    const rate = rows / seconds;
    const fraction = this.fraction(rows, inputBytes);
    const pad = (text: string, width: number): string => (tty ? text.padStart(width) : text);
    const parts = [
      `${pad(formatCount(rows), ROWS_WIDTH)} rows`,
      `${pad(formatCount(Math.round(rate)), RATE_WIDTH)} rows/s`,
      pad(formatBytes(bytes), BYTES_WIDTH),
    ];
    if (fraction === undefined) return `rowport ${parts.join('  ')}`;
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    const eta = fraction > 0 && fraction < 1 ? `ETA ${formatEta((seconds * (1 - fraction)) / fraction)}` : '';
    if (!tty) return `rowport ${percent} ${parts.join('  ')}${eta ? `  ${eta}` : ''}`;
    const text = `${percent} ${parts.join('  ')}  ${eta.padEnd(ETA_WIDTH)}`;
    // The bar's width comes from the nominal field widths, not from this frame's text.
    const width = Math.min(30, (this.options.columns || 80) - FIXED_TEXT_WIDTH - 12); // `rowport [`, `] `, the cursor; a pty may report 0 columns
    if (width < 5) return `rowport ${text}`;
    const filled = Math.round(fraction * width);
    return `rowport [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`;
  }

  // --- internal ---

  private fraction(rows: number, inputBytes: number): number | undefined {
    const { total, inputSize } = this.options;
    if (total !== undefined) return total > 0 ? Math.min(1, rows / total) : 1;
    if (inputSize !== undefined) return inputSize > 0 ? Math.min(1, inputBytes / inputSize) : 1;
    return undefined;
  }
}

/** Widths of the terminal fields: up to 99,999,999 rows, 9,999,999 rows/s, `1023.9 MB`, `ETA 9:59:59`;
 *  a bigger value widens its field (and the line) by what it needs. */
const ROWS_WIDTH = 10;
const RATE_WIDTH = 9;
const BYTES_WIDTH = 9;
const ETA_WIDTH = 11;
/** `100% ` + rows + `  ` + rate + `  ` + bytes + `  ` + ETA, with the unit words. */
const FIXED_TEXT_WIDTH = 5 + (ROWS_WIDTH + 5) + 2 + (RATE_WIDTH + 7) + 2 + BYTES_WIDTH + 2 + ETA_WIDTH;

/** A duration up to 10 hours as {@link formatDuration} writes it, longer ones in whole hours (`27h`), so it fits its field. */
function formatEta(seconds: number): string {
  return seconds >= 36_000 && Number.isFinite(seconds) ? `${Math.floor(seconds / 3600)}h` : formatDuration(seconds);
}

/** `1,234,567` */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `812 B`, `1.2 KB`, `45.0 MB` (powers of 1024). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** `35 ms`, `4.2s`, `12s`, `3:05`, `1:02:03` */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
