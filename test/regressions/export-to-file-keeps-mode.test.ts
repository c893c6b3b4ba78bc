// Exporting over an existing `-rw-------` file left it `-rw-r--r--`: a private export became
// readable by everyone on the machine. The replaced file's mode is kept (#10).
import { chmod, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { exportToFile, toCsv } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';

let dir: string;
beforeEach(async () => {
  dir = tempDir('rowport-regression-').dir;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('a -rw------- file stays -rw------- when an export replaces it', async () => {
  const path = join(dir, 'salaries.csv');
  await writeFile(path, 'old');
  await chmod(path, 0o600);
  await exportToFile(toCsv([{ name: 'Ada', salary: 1 }]), path);
  expect((await stat(path)).mode & 0o777).toBe(0o600);
});
