// Two Ctrl-C in quick succession made the CLI exit at the second one, before the first had removed
// the temp file of `-o`, which stayed behind; the second signal now removes it before exiting (#18).
import { readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { runCli, stopSignalHandler } from '../../src/cli/main.js';
import { tempDir } from '../helpers/tempDir.js';

let dir: string;
beforeEach(async () => {
  dir = tempDir('rowport-twice-').dir;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it.each(['csv', 'xlsx'])('a second signal during the abort removes the temp file before it exits (.%s)', async (format) => {
  const controller = new AbortController();
  const exits: number[] = [];
  const onStop = stopSignalHandler(controller, (code) => exits.push(code));
  const stdin = new PassThrough();
  const line = `${JSON.stringify({ id: 1, note: 'x'.repeat(40) })}\n`.repeat(500);
  const feeding = setInterval(() => stdin.write(line), 5); // a slow source that never ends by itself
  const running = runCli(['--from', 'ndjson', '-o', join(dir, `out.${format}`)], {
    stdin,
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    signal: controller.signal,
  });
  const temps = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
  try {
    await vi.waitFor(() => expect(temps().filter((f) => statSync(join(dir, f)).size > 0)).toHaveLength(1), { timeout: 20_000 });
    onStop('SIGINT');
    onStop('SIGINT'); // before the abort's own cleanup has run
    expect(exits).toEqual([130]);
    expect(temps()).toEqual([]);
  } finally {
    clearInterval(feeding);
    stdin.end();
    await running;
  }
  expect(readdirSync(dir)).toEqual([]);
});
