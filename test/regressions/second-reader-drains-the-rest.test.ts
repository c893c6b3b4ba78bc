// A second `for await` that started during exportToFile and drained the rest of the stream while the
// first awaited a file write left exportToFile resolving with a short file (65 KB of 1.3 MB) (#19).
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportToFile, toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { tempDir } from '../helpers/tempDir.js';

const invalidOption = expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringMatching(/split/) });

let dir: string;
beforeEach(() => {
  dir = tempDir('rowport-drain-').dir;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Resolves once exportToFile's loop reads `stream` (its `for await` listens to 'readable'). */
async function loopStarted(stream: Readable): Promise<void> {
  while (stream.listenerCount('readable') === 0) await nextTurn();
}

describe('a second reader that drains the rest during a write', () => {
  it('fails exportToFile over toCsv, wherever the second reader starts', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ i, text: 'x'.repeat(20) }));
    for (const turns of [0, 1, 2, 3, 5, 8, 13, 20, 40, 80]) {
      const stream = toCsv(rows);
      const path = join(dir, `b${turns}.csv`);
      const exporting = exportToFile(stream, path).catch((error: unknown) => error);
      await loopStarted(stream);
      for (let t = 0; t < turns; t++) await nextTurn();
      const other = readAll(stream).catch((error: unknown) => error);
      const result = await exporting;
      await other;
      // Either refused, or (when the first reader had every chunk before the second started) whole.
      if (!(result instanceof Error)) expect((await readFile(path, 'utf8')).split('\r\n').length - 2).toBe(rows.length);
      else expect(result).toEqual(invalidOption);
    }
  });
});
