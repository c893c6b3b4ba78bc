// exportToFile with an already-aborted signal left `.name.<hex>.tmp` files (11 of 300 runs): the
// temp file was opened in the background and the open finished after the cleanup had run. Here the
// open is held back until exportToFile has settled, which is that losing order every time (#10).
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { exportToFile, toCsv } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';

const gate = vi.hoisted(() => {
  let release!: () => void;
  const settled = new Promise<void>((resolve) => (release = resolve));
  return { settled, release, opens: [] as Promise<void>[] };
});

/** Every open of a file (callback API for write streams, promises API) waits until the export settled. */
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const open = (path: string, flags: string, mode: number, callback: (error: Error | null, fd?: number) => void) => {
    gate.opens.push(
      gate.settled.then(
        () =>
          new Promise<void>((resolve) =>
            fs.open(path, flags, mode, (error, fd) => {
              callback(error, fd);
              resolve();
            }),
          ),
      ),
    );
  };
  const createWriteStream = (path: string, options: object) =>
    fs.createWriteStream(path, { ...options, fs: { open, write: fs.write, writev: fs.writev, close: fs.close } } as never);
  return { ...fs, createWriteStream, default: { ...fs, createWriteStream } };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const open = (async (...args: Parameters<typeof fs.open>) => {
    const opened = gate.settled.then(() => fs.open(...args));
    gate.opens.push(
      opened.then(
        () => undefined,
        () => undefined,
      ),
    );
    return opened;
  }) as typeof fs.open;
  return { ...fs, open, default: { ...fs, open } };
});

let dir: string;
beforeEach(async () => {
  dir = tempDir('rowport-regression-').dir;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('an already-aborted signal leaves no temp file, however late the file system answers', async () => {
  const controller = new AbortController();
  controller.abort();
  await expect(exportToFile(toCsv([{ a: 1 }]), join(dir, 'a.csv'), { signal: controller.signal })).rejects.toMatchObject({ code: 'ROWPORT_ABORTED' });
  gate.release();
  await Promise.all(gate.opens);
  expect(await readdir(dir)).toEqual([]);
});
