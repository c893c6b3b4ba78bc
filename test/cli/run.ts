import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { PYTHON, python } from '../helpers/tools.js';

/** The built command (`npm test` builds first; locally run `npx tsup`). */
export const CLI = resolve('dist/cli.js');

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test does; locally run npx tsup)`);

export interface Result {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs `node dist/cli.js ...args`, feeding `input` on stdin (or nothing, closed). */
export function run(args: readonly string[], options: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Result> {
  const child = start(args, options);
  child.stdin?.end(options.input ?? '');
  return finished(child);
}

/** Starts the command with piped stdio; the caller feeds stdin. */
export function start(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
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

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(): { dir: string; path: (name: string) => string; files: () => string[]; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rowport-cli-'));
  return {
    dir,
    path: (name) => join(dir, name),
    files: () => readdirSync(dir).sort(),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
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
