// exportToFile renamed its temp file onto `path` without flushing it to disk first: after a power
// loss, some file systems keep the rename but not the data, and `path` held an empty or partial
// file, against the promise that it never does. The temp file is now synced before it is closed and
// renamed, and a failing sync leaves `path` as it was.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { exportToFile, toCsv } from '../../src/index.js';
import { fsHooks, resetFsHooks } from '../helpers/fsHooks.js';
import { tempDir } from '../helpers/tempDir.js';

vi.mock('node:fs/promises', async (importOriginal) => (await import('../helpers/fsHooks.js')).hookedFsPromises(await importOriginal()));

const tmp = tempDir('rowport-sync-');
afterEach(() => resetFsHooks());
afterAll(() => tmp.cleanup());

it('syncs the temp file, then closes and renames it', async () => {
  const events: string[] = [];
  fsHooks.beforeSync = () => void events.push('sync');
  fsHooks.beforeClose = () => void events.push('close');
  fsHooks.rename = async (from, to) => {
    events.push('rename');
    const { rename } = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    await rename(from, to);
  };
  const path = tmp.path('synced.csv');
  await exportToFile(toCsv([{ a: 1 }]), path);
  expect(events).toEqual(['sync', 'close', 'rename']);
  expect(readFileSync(path, 'utf8')).toBe('\uFEFFa\r\n1\r\n');
});

it('leaves path as it was when the sync fails', async () => {
  const path = tmp.path('kept.csv');
  writeFileSync(path, 'old');
  fsHooks.beforeSync = () => {
    throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
  };
  await expect(exportToFile(toCsv([{ a: 1 }]), path)).rejects.toMatchObject({ code: 'ROWPORT_WRITE_FAILED' });
  expect(readFileSync(path, 'utf8')).toBe('old');
  expect(readdirSync(join(path, '..')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
});
