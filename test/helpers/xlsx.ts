import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { readAll } from './streams.js';
import { tempDir as freshTempDir } from './tempDir.js';
import { PYTHON } from './tools.js';

/** One cell as openpyxl sees it (see read_xlsx.py). */
export interface PyCell {
  v: string | number | boolean | null;
  /** openpyxl data type: n number, s string, b boolean, d date, e error. */
  t: string;
  f: string;
  bold: boolean;
  fill: string | null;
  color: string | null;
  wrap: boolean;
}

export interface PySheet {
  title: string;
  freeze: string | null;
  filter: string | null;
  widths: Record<string, number>;
  rows: PyCell[][];
  maxRow: number;
}

export interface PyWorkbook {
  sheets: PySheet[];
  creator: string | null;
  created: string | null;
  error?: string;
}

const SCRIPT = fileURLToPath(new URL('./read_xlsx.py', import.meta.url));

const created = new Set<string>();

/** A fresh temp folder for test workbooks, removed by {@link removeTempDirs}. */
export function tempDir(prefix = 'rowport-xlsx-'): string {
  const { dir } = freshTempDir(prefix);
  created.add(dir);
  return dir;
}

/** Removes every folder {@link tempDir} made: the interop tests call it after each test (`afterEach(removeTempDirs)`). */
export function removeTempDirs(): void {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
  created.clear();
}

/** Writes a stream to `dir/name` and returns the path. */
export async function saveTo(dir: string, name: string, stream: Readable): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await readAll(stream));
  return path;
}

/** Reads many workbooks with openpyxl in one python call. */
export function readWithOpenpyxl(paths: readonly string[]): Record<string, PyWorkbook> {
  const out = execFileSync(PYTHON, [SCRIPT], { input: JSON.stringify(paths), encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  return JSON.parse(out) as Record<string, PyWorkbook>;
}

/** The values of a sheet, row by row. */
export function values(sheet: PySheet): unknown[][] {
  return sheet.rows.map((row) => row.map((cell) => cell.v));
}

/**
 * Converts workbooks to CSV with LibreOffice in one `soffice` call (each start costs seconds):
 * every sheet of every file becomes UTF-8 CSV (values, not as shown, unless `asShown`: then each
 * cell's text in its number format). Returns, per path, the CSV text by sheet name. File base
 * names must be unique and must not start with another's name + '-'.
 */
export function convertWithLibreOffice(paths: readonly string[], { asShown = false } = {}): Record<string, Record<string, string>> {
  const out = tempDir('rowport-lo-');
  // One profile per test process: two soffice instances on one profile hand work to each other or fail.
  const profile = join(tmpdir(), `rowport-lo-profile-${process.pid}`);
  mkdirSync(profile, { recursive: true });
  created.add(profile); // removed with the test's folders
  execFileSync(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${profile}`,
      '--convert-to',
      `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${asShown},false,false,-1`,
      '--outdir',
      out,
      ...paths,
    ],
    { stdio: 'pipe', timeout: 300_000 },
  );
  const files = readdirSync(out);
  const result: Record<string, Record<string, string>> = {};
  for (const path of paths) {
    const base = (path.split('/').pop() as string).replace(/\.xlsx$/, '');
    const sheets: Record<string, string> = {};
    for (const f of files) if (f.startsWith(`${base}-`)) sheets[f.slice(base.length + 1, -'.csv'.length)] = readFileSync(join(out, f), 'utf8');
    result[path] = sheets;
  }
  rmSync(out, { recursive: true, force: true });
  created.delete(out);
  return result;
}
