import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's python, which has python3-openpyxl (the python first on PATH may not). */
export const PYTHON = '/usr/bin/python3';

const seen = new Map<string, boolean>();

/**
 * True when an external tool a test needs is here (`available()` is asked once per name). Missing
 * locally: a loud message and the tests skip. Missing in CI (`CI` set): an error, so the suite
 * fails, since CI installs every tool. The one helper for this, used by every test folder.
 */
export function requireTool(name: string, available: () => boolean): boolean {
  let ok = seen.get(name);
  if (ok === undefined) {
    ok = available();
    seen.set(name, ok);
    if (!ok) {
      if (process.env.CI) throw new Error(`${name} is required in CI (.ci/run installs it), but it is not installed`);
      console.warn(`\n!!! ${name} is not installed: the tests that need it are SKIPPED !!!\n`);
    }
  }
  return ok;
}

/** True when an independent reader is available: python's csv, openpyxl, or LibreOffice; see {@link requireTool}. */
export function haveTool(name: 'python' | 'openpyxl' | 'soffice'): boolean {
  return requireTool(name, () =>
    name === 'soffice'
      ? spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0
      : existsSync(PYTHON) && spawnSync(PYTHON, ['-c', name === 'openpyxl' ? 'import openpyxl' : 'import csv'], { encoding: 'utf8' }).status === 0,
  );
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

/**
 * A python function for scripts run by {@link python}: `xml_errors(path)` parses every XML part of a
 * zip (`.xml`, `.rels`) with expat and lists the parts that do not parse, with the reason.
 */
export const PY_XML_ERRORS = `
import zipfile, xml.parsers.expat
def xml_errors(path):
    errors = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith('.xml') or name.endswith('.rels'):
                try:
                    xml.parsers.expat.ParserCreate().Parse(z.read(name), True)
                except Exception as e:
                    errors.append(f'{name}: {e}')
    return errors
`;
