import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { tempDir as freshTempDir } from '../helpers/tempDir.js';
import { PYTHON, requireTool } from '../helpers/tools.js';

// The one "tool present, else skip locally / fail in CI" helper and the python path, shared with the other tests.
export { PYTHON, requireTool };

export const havePython = () => requireTool('python3', () => existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import csv']).status === 0);

export const haveOpenpyxl = () => requireTool('python3-openpyxl', () => existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import openpyxl']).status === 0);

/** Reads a CSV file with python's csv module; returns its rows as arrays of strings. */
export function pythonCsv(path: string, { encoding = 'utf-8-sig', delimiter = ',' } = {}): string[][] {
  const script = `import csv, json, sys
with open(sys.argv[1], newline='', encoding=sys.argv[2]) as f:
    print(json.dumps(list(csv.reader(f, delimiter=sys.argv[3]))))`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, path, encoding, delimiter], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as string[][];
}

/** A fresh temp folder, removed by the returned function. */
export async function tempDir(prefix = 'rowport-examples-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const { dir, remove } = freshTempDir(prefix);
  return { dir, remove };
}

/** Reads a byte stream to the end. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A fixed clock for reproducible file names. */
export const FIXED_NOW = () => new Date('2024-11-25T10:30:00Z');

/** Calls `line` for each line a child process writes (its stdout), as the lines arrive. */
export function onLines(stream: Readable | null | undefined, line: (text: string) => void): void {
  let buffer = '';
  stream?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
      line(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  });
}
