import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/main.js';
import type { TempDir } from './tempDir.js';
import { PYTHON, python } from './tools.js';

// The one CLI runner of the tests, two ways: `runInProcess` calls `runCli` with streams in memory
// (the unit project: no build); `run` and `start` spawn the built command (the cli project).

/** The built command (`npm test` builds first; locally run `npx tsup`). */
export const CLI = resolve('dist/cli.js');

/** What an in-process run gave back. */
export interface InProcessResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * Runs `runCli(args)` in-process with `input` on stdin (ended; nothing when undefined), collecting
 * stdout and stderr; `io` sets the terminal flags, env or abort signal.
 */
export async function runInProcess(
  args: readonly string[],
  { input, ...io }: { input?: string | Buffer } & Partial<Omit<CliIo, 'stdin' | 'stdout' | 'stderr'>> = {},
): Promise<InProcessResult> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  let err = '';
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  stdin.end(input ?? '');
  const code = await runCli(args, { ...io, stdin, stdout, stderr });
  return { code, stdout: Buffer.concat(out), stderr: err };
}

/** Runs the CLI in-process with `input` on stdin; expects exit 0 and returns what it wrote to stdout. */
export async function cliOutput(args: string[], input: string): Promise<Buffer> {
  const { code, stdout } = await runInProcess(args, { input });
  expect(code).toBe(0);
  return stdout;
}

export interface Result {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Spawns `node dist/cli.js ...args`, feeding `input` on stdin (or nothing, closed). */
export function run(args: readonly string[], options: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Result> {
  const child = start(args, options);
  child.stdin?.end(options.input ?? '');
  return finished(child);
}

/** Starts the command with piped stdio; the caller feeds stdin. */
export function start(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test does; locally run npx tsup)`);
  return spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Collects a child's output until it exits. */
export function finished(child: ChildProcess): Promise<Result> {
  const out: Buffer[] = [];
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  child.stdin?.on('error', () => undefined); // the command may exit before reading all of stdin
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: err }));
  });
}

/** CSV text (a BOM dropped) read back with csv-parse, as arrays of strings. */
export function readCsv(text: string, delimiter = ','): string[][] {
  return parse(text.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true }) as string[][];
}

/** A CSV file read back with python's csv module (utf-8-sig drops the BOM). */
export function readCsvWithPython(path: string, encoding = 'utf-8-sig', delimiter = ','): string[][] {
  return python<string[][]>(
    'import csv, json, sys\nwith open(sys.argv[1], newline="", encoding=sys.argv[2]) as f:\n    print(json.dumps(list(csv.reader(f, delimiter=sys.argv[3]))))',
    null,
    [path, encoding, delimiter],
  );
}

/** Cells of the first sheet of an XLSX file, read back with openpyxl, as JSON-able values. */
export function readXlsxWithPython(path: string): { title: string; rows: unknown[][] } {
  return python<{ title: string; rows: unknown[][] }>(
    [
      'import json, sys, datetime, openpyxl',
      'wb = openpyxl.load_workbook(sys.argv[1])',
      'ws = wb.worksheets[0]',
      'conv = lambda v: v.isoformat() if isinstance(v, (datetime.date, datetime.datetime)) else v',
      'print(json.dumps({"title": ws.title, "rows": [[conv(c) for c in r] for r in ws.iter_rows(values_only=True)]}))',
    ].join('\n'),
    null,
    [path],
  );
}

export { PYTHON };

/**
 * Starts an export of endless NDJSON from stdin into `out`, waits until part of the output has
 * reached its temp file (an event we poll the folder for, never a timer), sends `signal`, and
 * returns the result with the files left in the folder.
 */
export async function interruptMidExport(
  tmp: TempDir,
  out: string,
  signal: NodeJS.Signals,
): Promise<Result & { readonly tempFilesBefore: number; readonly filesAfter: string[] }> {
  const child = start(['--from', 'ndjson', '-o', out]);
  const done = finished(child);
  const lines = `${Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i, name: `name ${i}`, note: 'x'.repeat(20) })).join('\n')}\n`;
  const written = () => tmp.files().filter((f) => f.endsWith('.tmp') && statSync(join(tmp.dir, f), { throwIfNoEntry: false })?.size);
  // A slow source: rows keep coming until part of the output has reached the temp file, then
  // stdin stays open, as with a long query. Each write waits for the pipe to take it.
  for (let i = 0; i < 5000 && written().length === 0; i++) {
    await new Promise<void>((resolve, reject) => child.stdin?.write(lines, (error) => (error ? reject(error) : resolve())));
  }
  const tempFilesBefore = written().length;
  child.kill(signal);
  const result = await done;
  return { ...result, tempFilesBefore, filesAfter: tmp.files() };
}
