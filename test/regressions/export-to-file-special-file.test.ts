// exportToFile onto a path that is not a regular file renamed its temp file over it: `/dev/null`
// (as root, in a container), a FIFO a reader waits on, or a socket became a plain file holding
// the export. It is now ROWPORT_WRITE_FAILED before anything is written, and the path is untouched.
import { execFileSync } from 'node:child_process';
import { type Stats, lstatSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { exportToFile, toCsv } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';

const tmp = tempDir('rowport-special-');
afterAll(() => tmp.cleanup());
const isRoot = process.getuid?.() === 0;

/** Exports to `path`, which must stay what it was, and leaves no temp file beside it. */
async function refused(path: string, kind: (stats: Stats) => boolean): Promise<void> {
  let closed = 0;
  function* rows(): Generator<{ a: number }> {
    try {
      yield { a: 1 };
    } finally {
      closed++;
    }
  }
  const before = tmp.files();
  const error = await exportToFile(toCsv(rows()), path).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'ROWPORT_WRITE_FAILED' });
  expect((error as Error).message).toMatch(/not a regular file/);
  expect(kind(lstatSync(path))).toBe(true);
  expect(tmp.files()).toEqual(before);
  expect(closed).toBeLessThanOrEqual(1);
}

it.skipIf(process.platform === 'win32')('refuses a FIFO instead of replacing it with a file', async () => {
  const fifo = tmp.path('pipe.csv');
  execFileSync('mkfifo', [fifo]);
  await refused(fifo, (s) => s.isFIFO());
});

it.skipIf(process.platform === 'win32')('refuses a socket instead of replacing it with a file', async () => {
  const socket = tmp.path('server.sock');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  try {
    await refused(socket, (s) => s.isSocket());
  } finally {
    server.close();
  }
});

it.skipIf(!isRoot || process.platform === 'win32')('refuses a character device (a null device, as root) instead of replacing it', async () => {
  const device = tmp.path('null');
  execFileSync('mknod', [device, 'c', '1', '3']);
  await refused(device, (s) => s.isCharacterDevice());
});
