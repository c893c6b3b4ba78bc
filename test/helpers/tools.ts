import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's python, which has python3-openpyxl (the python first on PATH may not). */
export const PYTHON = '/usr/bin/python3';

const cache = new Map<string, boolean>();

/**
 * True when an independent reader is available. Missing locally: a loud message and the tests
 * skip. Missing in CI (`CI` set): the tests fail, since CI installs every reader.
 */
export function haveTool(name: 'python' | 'openpyxl' | 'soffice'): boolean {
  let ok = cache.get(name);
  if (ok === undefined) {
    ok =
      name === 'soffice'
        ? spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0
        : existsSync(PYTHON) &&
          spawnSync(PYTHON, ['-c', name === 'openpyxl' ? 'import openpyxl' : 'import csv'], { encoding: 'utf8' }).status === 0;
    cache.set(name, ok);
    if (!ok) {
      const message = `\n!!! ${name} is not installed: tests that read files back with it ${process.env.CI ? 'FAIL (CI must install it)' : 'are SKIPPED'} !!!\n`;
      console.warn(message);
      if (process.env.CI) throw new Error(`${name} is required in CI; .ci/run installs it`);
    }
  }
  return ok;
}

/** Runs a python script with JSON on stdin and returns its JSON output. */
export function python<T>(script: string, input: unknown, args: string[] = []): T {
  const out = execFileSync(PYTHON, ['-c', script, ...args], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  return JSON.parse(out) as T;
}
