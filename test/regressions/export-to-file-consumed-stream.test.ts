// `exportToFile(alreadyConsumedStream, p)` replaced p with 0 bytes and reported rows: 3;
// `exportToFile('hello', p)` wrote "hello". Both are refused before p is touched (#10).
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { exportToFile, toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { tempDir } from '../helpers/tempDir.js';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = tempDir('rowport-regression-').dir;
  path = join(dir, 'report.csv');
  await writeFile(path, 'last good report');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('a stream that was already read is refused and the file is kept', async () => {
  const stream = toCsv([{ a: 1 }, { a: 2 }, { a: 3 }]);
  await readAll(stream);
  await expect(exportToFile(stream, path)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
  expect(await readFile(path, 'utf8')).toBe('last good report');
  expect(await readdir(dir)).toEqual(['report.csv']);
});

it('a string is refused and the file is kept', async () => {
  await expect(exportToFile('hello' as never, path)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
  expect(await readFile(path, 'utf8')).toBe('last good report');
});
