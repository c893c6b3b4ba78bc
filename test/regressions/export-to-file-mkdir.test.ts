// exportToFile into a folder that does not exist failed with ENOENT on the temp file, and the
// README's atomic-file recipe hit it. `{ mkdir: true }` creates the folder (#14).
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { exportFileName, exportToFile, toCsv } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';

let dir: string;
beforeEach(async () => {
  dir = tempDir('rowport-regression-').dir;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("the README recipe writes into an exports/ folder that doesn't exist yet", async () => {
  const name = exportFileName('students', 'csv', { date: new Date('2024-01-15T14:30:45Z') });
  const summary = await exportToFile(toCsv([{ id: 1, name: 'Ada', score: 9.5 }], { columns: ['id', 'name', 'score'] }), join(dir, 'exports', name), {
    mkdir: true,
  });
  expect(summary).toMatchObject({ rows: 1, path: join(dir, 'exports', 'students_20240115_143045.csv') });
  expect(await readFile(summary.path, 'utf8')).toBe('\uFEFFid,name,score\r\n1,Ada,9.5\r\n');
});
