import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the system temp folder. */
export interface TempDir {
  readonly dir: string;
  /** `dir/name`. */
  path(name: string): string;
  /** The names in the folder, sorted. */
  files(): string[];
  /** Removes the folder and everything in it, at once. */
  cleanup(): void;
  /** Removes the folder and everything in it. */
  remove(): Promise<void>;
}

/** The one temp-folder helper of the tests: a fresh folder named `prefix` + random characters. */
export function tempDir(prefix = 'rowport-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    path: (name) => join(dir, name),
    files: () => readdirSync(dir).sort(),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
