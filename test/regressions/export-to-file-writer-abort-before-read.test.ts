// A writer's own `signal` that aborted while exportToFile was still making its folder, looking at the
// target or opening the temp file (before its first read) destroyed the stream with ROWPORT_ABORTED
// while nothing listened for its error: an uncaught exception, which crashes Node by default. The
// export now just rejects with that ROWPORT_ABORTED, and removes its temp file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { exportToFile, toCsv, toXlsx } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';
import { failOnUncaught } from '../helpers/uncaught.js';

failOnUncaught(); // the stream's error event comes a tick later

const reason = new Error('client went away');

it.each([
  ['toCsv', (signal: AbortSignal) => toCsv([{ id: 1 }], { signal })],
  ['toXlsx', (signal: AbortSignal) => toXlsx([{ id: 1 }], { signal })],
])('%s: an abort right after the call rejects with ROWPORT_ABORTED and leaves no file', async (_, make) => {
  const { dir, cleanup } = tempDir('rowport-abort-early-');
  const controller = new AbortController();
  const exporting = exportToFile(make(controller.signal), join(dir, 'sub', 'out.csv'), { mkdir: true });
  controller.abort(reason); // exportToFile is awaiting mkdir: the stream is not read yet
  await expect(exporting).rejects.toEqual(expect.objectContaining({ code: 'ROWPORT_ABORTED', cause: reason }));
  expect(readdirSync(join(dir, 'sub'))).toEqual([]);
  cleanup();
});
