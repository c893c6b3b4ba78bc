#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { type Readable, Transform, type TransformOptions, type Writable, pipeline as pipe } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { RowportErrorCode, at, isRowportError } from '../errors.js';
import { exportToFile, removeTempFilesSync } from '../files/exportToFile.js';
import { type RowportWarning, RowportWarningCode } from '../warnings.js';
import { type CliArgs, HELP, parseCliArgs } from './args.js';
import { planColumns } from './columnPlan.js';
import { type Input, type Row, openInput } from './inputs.js';
import type { NumberAsText } from './jsonInput.js';
import { type OutputPlan, createWriter, planOutput } from './outputs.js';
import { ProgressBar, formatBytes, formatCount, formatDuration } from './progressBar.js';
import { ExitCode, STOP_SIGNALS, type StopSignal, StopSignalReceived, UsageError, interruptedExitCode } from './usageError.js';
import { ownProperties } from '../base/optionKeys.js';
import { withDecimalComma } from '../writer/numbers.js';
import { CSV_DIALECTS } from '../csv/options.js';

/** The outside world of the command, passed in so tests can run it in-process. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env?: Record<string, string | undefined>;
  readonly stdinIsTTY?: boolean;
  readonly stdoutIsTTY?: boolean;
  readonly stderrIsTTY?: boolean;
  /** Width of the terminal on stderr. @default env.COLUMNS, else 80 */
  readonly columns?: number;
  /** Aborting it (Ctrl-C, SIGTERM, SIGHUP) stops the export and removes the temp file. Abort with a
   *  `StopSignalReceived` to get that signal's exit code (143 for SIGTERM, 129 for SIGHUP); any
   *  other reason exits 130. */
  readonly signal?: AbortSignal;
}

/**
 * Runs the `rowport` command: reads JSON, NDJSON or CSV rows and writes CSV or XLSX through the
 * library's writers, `-o` atomically through `exportToFile`.
 * @param argv - The arguments after `node rowport`.
 * @param io - Streams, terminal flags and an abort signal.
 * @returns The exit code: 0 done, 1 data error, 2 usage error, 129/130/143 stopped by SIGHUP/SIGINT/SIGTERM.
 * @example
 * process.exitCode = await runCli(['users.json', '-o', 'users.csv'], { stdin, stdout, stderr });
 */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number> {
  const io = ownProperties(given); // own properties only: never a `signal` inherited from Object.prototype
  const say = (line: string): void => void io.stderr.write(`${line}\n`);
  let command: Command | number;
  try {
    command = await readCommand(argv, io);
  } catch (error) {
    return usage(say, error);
  }
  return typeof command === 'number' ? command : runExport(command, io, say);
}

/**
 * What a stop signal (SIGINT, SIGTERM, SIGHUP) does to the command: the first aborts the export,
 * which removes its temp file; a second one, while that cleanup still runs, removes the temp file
 * at once (synchronously) and exits.
 * @param exit - Ends the process with the signal's exit code.
 */
export function stopSignalHandler(controller: AbortController, exit: (code: number) => void): (name: StopSignal) => void {
  return (name) => {
    if (controller.signal.aborted) {
      // a second signal: stop now, but first remove the temp file the abort is still cleaning up
      removeTempFilesSync();
      exit(STOP_SIGNALS[name]);
      return;
    }
    controller.abort(new StopSignalReceived(name));
  };
}

// --- internal ---

/** Warnings printed per code; the rest are counted in one line at the end. */
const WARNINGS_SHOWN = 5;

/** An export the arguments ask for, checked before any input is read. */
interface Command {
  readonly args: CliArgs;
  readonly plan: OutputPlan;
}

/** Rows and output bytes written so far. */
interface Tally {
  rows: number;
  bytes: number;
}

/**
 * The arguments, checked: `--help` and `--version` are answered here (their exit code comes back),
 * anything else becomes the export to run.
 * @throws {UsageError} for a bad flag, no input on a terminal, or a missing output folder.
 */
async function readCommand(argv: readonly string[], io: CliIo): Promise<Command | number> {
  const args = parseCliArgs(argv);
  if (args.help) {
    io.stdout.write(HELP);
    return ExitCode.Ok;
  }
  if (args.version) {
    io.stdout.write(`${version()}\n`);
    return ExitCode.Ok;
  }
  const plan = planOutput(args, io.stdoutIsTTY ?? false);
  if ((args.input === undefined || args.input === '-') && io.stdinIsTTY) {
    throw new UsageError('no input: give a file, or pipe rows into stdin');
  }
  if (plan.path !== undefined) await checkOutputFolder(plan.path);
  return { args, plan };
}

/** Runs the export, reports how it went on stderr, and gives its exit code. */
async function runExport({ args, plan }: Command, io: CliIo, say: (line: string) => void): Promise<number> {
  const { controller, unfollow } = followSignal(io.signal);
  const report = new Report(say);
  const started = performance.now();
  try {
    const tally = await exportRows(args, plan, io, controller.signal, report);
    report.finish();
    if (!args.quiet) {
      const seconds = (performance.now() - started) / 1000;
      const { rows, bytes } = tally;
      say(
        `rowport: wrote ${formatCount(rows)} ${rows === 1 ? 'row' : 'rows'} (${formatBytes(bytes)}) to ${plan.path ?? 'stdout'} in ${formatDuration(seconds)}`,
      );
    }
    return ExitCode.Ok;
  } catch (error) {
    report.bar?.stop();
    return failureExitCode(error, plan, controller.signal, report.input, say);
  } finally {
    unfollow();
    report.input?.close();
  }
}

/** A controller that aborts when `signal` does (with its reason), and how to stop following it. */
function followSignal(signal: AbortSignal | undefined): { controller: AbortController; unfollow: () => void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  return { controller, unfollow: () => signal?.removeEventListener('abort', onAbort) };
}

/** Reads the input, plans its columns and writes the output, counting rows and bytes. */
async function exportRows(args: CliArgs, plan: OutputPlan, io: CliIo, signal: AbortSignal, report: Report): Promise<Tally> {
  const { warn } = report;
  const input = await openInput({
    path: args.input,
    stdin: io.stdin,
    from: args.from,
    delimiter: args.inDelimiter,
    encoding: args.inEncoding,
    signal,
    onWarning: warn,
    onNumberAsText: plan.format === 'xlsx' ? numberAsTextWarning(args, warn) : numberTextInCsv(args),
  });
  report.input = input;
  const { columns: inputColumns } = input;
  const planned = await planColumns(input.rows, { columns: args.columns, inputColumns, types: args.types, detectDates: args.detectDates, signal });
  const tally: Tally = { rows: 0, bytes: 0 };
  // A CSV keeps its header's order, and a header-only CSV its header: the header names are the columns.
  const columns = planned.columns ?? inputColumns?.slice();
  // The first row's keys are the columns (also when --types or --detect-dates typed them): warn about later ones.
  const rows = args.columns === undefined && inputColumns === undefined ? watchLaterKeys(planned.rows, warn) : planned.rows;
  const writer = openWriter(rows, { ...args, columns }, plan, {
    onProgress: (p) => void (tally.rows = p.rows),
    onWarning: warn,
    signal,
  });
  const counter = new Transform(
    ownProperties<TransformOptions>({
      transform(chunk: Buffer, _encoding, callback) {
        tally.bytes += chunk.length;
        callback(null, chunk);
      },
    }),
  );
  if (showsProgress(args, plan, io)) {
    report.bar = new ProgressBar(io.stderr, () => ({ rows: tally.rows, bytes: tally.bytes, inputBytes: input.bytesRead() }), {
      tty: io.stderrIsTTY ?? false,
      columns: io.columns || Number(io.env?.COLUMNS) || undefined,
      total: args.total,
      inputSize: input.size,
    }).start();
  }
  if (plan.path !== undefined) {
    // pipe() keeps errors and destroy() flowing both ways: an abort closes the source too.
    const counted = pipe(writer, counter, () => undefined);
    await exportToFile(counted, plan.path, { signal });
  } else {
    await pipeline(writer, counter, io.stdout, { signal });
  }
  return tally;
}

/**
 * Rows whose columns the writer takes from the first row's keys (JSON, NDJSON without `--columns`),
 * warning once for each key a later row has and the first lacks: its values are not written.
 */
async function* watchLaterKeys(rows: AsyncIterable<Row>, warn: (warning: RowportWarning) => void): AsyncGenerator<Row> {
  let known: Set<string> | undefined;
  let index = 0;
  for await (const row of rows) {
    if (row !== null && typeof row === 'object' && !Array.isArray(row)) {
      if (known === undefined) known = new Set(Object.keys(row));
      else for (const key of Object.keys(row)) if (!known.has(key)) unwrittenKey(known, key, index, warn);
    }
    index++;
    yield row;
  }
}

/** Reports `key`, first seen on row `index`, as not written, once. */
function unwrittenKey(known: Set<string>, key: string, index: number, warn: (warning: RowportWarning) => void): void {
  known.add(key);
  const message = `Row ${index}: the key ${JSON.stringify(key)} is not on the first row, whose keys are the columns: its values are not written; name every column with --columns`;
  warn({ code: RowportWarningCode.UnwrittenKey, message, row: index, column: key });
}

/** `createWriter`, with a bad option reported as the flag that set it. */
function openWriter(...[rows, args, plan, hooks]: Parameters<typeof createWriter>): Readable {
  try {
    return createWriter(rows, args, plan, hooks);
  } catch (error) {
    if (isRowportError(error) && error.code === RowportErrorCode.InvalidOption) throw new UsageError(flagMessage(error.message));
    throw error;
  }
}

/** `--progress`, or a terminal on stderr, but not over CSV that is being printed to the same terminal; never with `--quiet`. */
function showsProgress(args: CliArgs, plan: OutputPlan, io: CliIo): boolean {
  const terminalOutput = plan.path === undefined && (io.stdoutIsTTY ?? false);
  return !args.quiet && (args.progress || ((io.stderrIsTTY ?? false) && !terminalOutput));
}

/** The exit code of a failed export, after saying why: usage, interrupted, a closed pipe (0) or a data error. */
function failureExitCode(error: unknown, plan: OutputPlan, signal: AbortSignal, input: Input | undefined, say: (line: string) => void): number {
  if (error instanceof UsageError) return usage(say, error);
  if (signal.aborted) {
    say(plan.path === undefined ? 'rowport: interrupted' : `rowport: interrupted; ${plan.path} was not written`);
    return interruptedExitCode(signal.reason);
  }
  if (plan.path === undefined && isClosedPipe(error)) return ExitCode.Ok;
  say(describeError(error, input));
  return ExitCode.DataError;
}

/** The export's messages on stderr: a few warnings per code, printed around the progress bar. */
class Report {
  bar: ProgressBar | undefined;
  /** Set once the input is open, so that warnings can name input lines. */
  input: Input | undefined;
  private readonly warnings = new Map<string, number>(); // code → count

  constructor(private readonly say: (line: string) => void) {}

  readonly warn = (warning: RowportWarning): void => {
    const seen = (this.warnings.get(warning.code) ?? 0) + 1;
    this.warnings.set(warning.code, seen);
    if (seen > WARNINGS_SHOWN) return;
    this.bar?.stop();
    this.say(describeWarning(warning, this.input));
    this.bar?.start();
  };

  /** Draws the bar a last time and counts the warnings that were not shown. */
  finish(): void {
    if (this.bar) {
      this.bar.draw();
      this.bar.stop();
    }
    for (const [code, count] of this.warnings) {
      if (count > WARNINGS_SHOWN) this.say(`rowport: warning: ${formatCount(count - WARNINGS_SHOWN)} more ${code} not shown`);
    }
  }
}

function usage(say: (line: string) => void, error: unknown): number {
  if (!(error instanceof UsageError)) throw error;
  say(`rowport: ${error.message}`);
  say("Try 'rowport --help' for the flags and examples.");
  return ExitCode.Usage;
}

/**
 * For XLSX output: the `ROWPORT_NUMBER_AS_TEXT` warning for a JSON number that a row keeps as its
 * text (`1.5e400`), as the writer gives one for a bigint. Not for a column the output leaves out,
 * nor for a numeric-typed one, where the writer warns itself; a nested value only when a dot path
 * of `--columns` makes it a cell of its own.
 */
function numberAsTextWarning(args: CliArgs, warn: (warning: RowportWarning) => void): NumberAsText {
  const selected = selectedKeys(args);
  const numeric = new Set<string>();
  for (const column of args.columns ?? []) if (column.type !== undefined && NUMERIC_TYPES.has(column.type)) numeric.add(column.key);
  for (const [key, type] of args.types ?? []) if (NUMERIC_TYPES.has(type)) numeric.add(key);
  return (row, path, text) => {
    const column = path.join('.');
    if (!isCell(path, selected) || numeric.has(column)) return undefined;
    const message = `${at(row, column)}${text} has more digits than a number cell holds; it was written as text`;
    warn({ code: RowportWarningCode.NumberAsText, message, row, column });
    return undefined;
  };
}

/**
 * For CSV output with a decimal comma (`--decimal-separator ,`, or `--dialect excel-eu` without
 * it): a JSON number that a row keeps as its text gets the comma too (`12345678901234567,89`), as
 * the writer gives every other number, when it is a cell of its own; its digits stay. Inside JSON
 * text, as a JS number there, it keeps its `.`. Undefined (the text as it came) without a comma.
 */
function numberTextInCsv(args: CliArgs): NumberAsText | undefined {
  const separator = args.decimalSeparator ?? (args.dialect === undefined ? '.' : CSV_DIALECTS[args.dialect].decimalSeparator);
  if (separator !== ',') return undefined;
  const selected = selectedKeys(args);
  return (_row, path, text) => (isCell(path, selected) ? withDecimalComma(text) : undefined);
}

/** The keys `--columns` selects; undefined without it (every member of the first row). */
function selectedKeys(args: CliArgs): ReadonlySet<string> | undefined {
  return args.columns === undefined ? undefined : new Set(args.columns.map((column) => column.key));
}

/** Whether the value at `path` in a row is a cell of the output: a selected member, or a nested value a `--columns` dot path selects. */
function isCell(path: readonly string[], selected: ReadonlySet<string> | undefined): boolean {
  return selected === undefined ? path.length === 1 : selected.has(path.join('.'));
}

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['integer', 'decimal', 'percent']);

/** A missing output folder is a usage error found before any input is read, as a missing input file is. */
async function checkOutputFolder(path: string): Promise<void> {
  if (path.endsWith('/') || path.endsWith(sep)) throw new UsageError(`cannot write ${path}: it names a folder (it ends with a separator); give a file name`);
  const folder = dirname(resolve(path));
  const info = await stat(folder).catch(() => undefined);
  if (info === undefined) throw new UsageError(`cannot write ${path}: the folder ${folder} does not exist`);
  if (!info.isDirectory()) throw new UsageError(`cannot write ${path}: ${folder} is not a folder`);
  const existing = await stat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    throw new UsageError(
      `cannot write ${path}: it is a pipe, a device or a socket, not a file; -o writes a file atomically, so leave out -o (or give -o -) to write to stdout, and redirect that`,
    );
  }
}

/** `Invalid option \`timeZone\`: …` → `--time-zone: Invalid option …` */
function flagMessage(message: string): string {
  const option = /`([A-Za-z]+)/.exec(message)?.[1];
  const flag = option === undefined ? undefined : `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return flag ? `${flag}: ${message}` : message;
}

/** `rowport: <message> (CODE, line 7)` or `(CODE, row 12, column "total", input line 14)`. */
function describeError(error: unknown, input: Input | undefined): string {
  if (!isRowportError(error)) return `rowport: ${error instanceof Error ? error.message : String(error)}`;
  const details: string[] = [error.code];
  const lineCode = error.code === RowportErrorCode.InvalidJson || error.code === RowportErrorCode.InvalidCsv;
  if (error.row !== undefined) details.push(`${lineCode ? 'line' : 'row'} ${error.row}`);
  if (error.column !== undefined) details.push(`column ${JSON.stringify(error.column)}`);
  const line = !lineCode && error.row !== undefined ? input?.lineOf(error.row) : undefined;
  if (line !== undefined) details.push(`input line ${line}`);
  // The library's advice names its option; on the command line it is the flag.
  const message = error.code === RowportErrorCode.UnmappableCharacter ? error.message.replace("unmappable: 'replace'", '--unmappable replace') : error.message;
  return `rowport: ${message} (${details.join(', ')})`;
}

/**
 * `rowport: warning: <message> (CODE, row 3, column "note", input line 5)`, or `(CODE, line 7)` for a
 * warning about the input itself; never more than a few per code.
 */
function describeWarning(warning: RowportWarning, input: Input | undefined): string {
  const details: string[] = [warning.code];
  if (warning.line !== undefined) details.push(`line ${warning.line}`);
  if (warning.row !== undefined) details.push(`row ${warning.row}`);
  if (warning.column !== undefined) details.push(`column ${JSON.stringify(warning.column)}`);
  if (warning.sheet !== undefined) details.push(`sheet ${JSON.stringify(warning.sheet)}`);
  const line = warning.row === undefined ? undefined : input?.lineOf(warning.row);
  if (line !== undefined) details.push(`input line ${line}`);
  return `rowport: warning: ${warning.message} (${details.join(', ')})`;
}

/** The reader of stdout went away (`| head`): not an error for a pipe. */
function isClosedPipe(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED' || e.code === 'ERR_STREAM_PREMATURE_CLOSE') return true;
  }
  return false;
}

/** The version in rowport's package.json, found next to the source or the build. */
function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'rowport' && pkg.version) return pkg.version;
    } catch {
      // not here; look one folder up
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

/** True when this module is the script node was started with (also through the npm bin symlink). */
function isMain(): boolean {
  try {
    const script = process.argv[1];
    return script !== undefined && typeof import.meta.url === 'string' && realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const controller = new AbortController();
  // SIGINT (Ctrl-C), SIGTERM (timeout, docker stop, systemd, Kubernetes) and SIGHUP (the terminal
  // closed) all abort the export: the temp file is removed, then the exit code is 128 + the signal.
  const onStop = stopSignalHandler(controller, (code) => process.exit(code));
  for (const name of Object.keys(STOP_SIGNALS) as StopSignal[]) process.on(name, () => onStop(name));
  process.stdout.on('error', () => undefined); // EPIPE after the export is handled by runCli
  process.stderr.on('error', () => undefined); // after SIGHUP the terminal is gone: messages are lost, the exit code stays
  const code = await runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns,
    signal: controller.signal,
  });
  // stdin may still be open (a pipe we stopped reading); exit once stdout has flushed.
  if (process.stdout.writableLength > 0 && !process.stdout.destroyed) {
    process.stdout.once('drain', () => process.exit(code));
    process.stdout.once('error', () => process.exit(code));
  } else {
    process.exit(code);
  }
}

if (isMain()) void main();
