// exportToFile looked at its signal after the last write and not again before the rename: an abort
// while the temp file was being closed (a network file system flushes then) was ignored, and the
// file took the place of `path` as if nothing had happened. Only an abort during the rename itself
// is too late, as documented; one before it rejects with ROWPORT_ABORTED and leaves `path` as it was.
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { exportToFile, toCsv } from '../../src/index.js';
import { fsHooks, resetFsHooks } from '../helpers/fsHooks.js';
import { tempDir } from '../helpers/tempDir.js';

vi.mock('node:fs/promises', async (importOriginal) => (await import('../helpers/fsHooks.js')).hookedFsPromises(await importOriginal()));

let dir: string;
beforeEach(() => {
  dir = tempDir('rowport-closing-').dir;
});
afterEach(async () => {
  resetFsHooks();
  await rm(dir, { recursive: true, force: true });
});

it('an abort while the temp file is closed rejects with ROWPORT_ABORTED, and an older file stays', async () => {
  const path = join(dir, 'scores.csv');
  await writeFile(path, 'older');
  const controller = new AbortController();
  const reason = new Error('cancelled');
  fsHooks.beforeClose = () => controller.abort(reason);
  await expect(exportToFile(toCsv([{ a: 1 }]), path, { signal: controller.signal })).rejects.toMatchObject({ code: 'ROWPORT_ABORTED', cause: reason });
  expect(await readdir(dir)).toEqual(['scores.csv']);
  expect(await readFile(path, 'utf8')).toBe('older');
});
