// SIGTERM (what timeout, Docker, systemd and Kubernetes send) and SIGHUP killed `rowport -o` on
// the spot and left its `.name.<hex>.tmp` file behind. They now stop the export like Ctrl-C:
// temp file removed, exit 143 / 129 (#10).
import { afterAll, expect, it } from 'vitest';
import { interruptMidExport } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

it.each([
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const)('%s mid-export exits %i and leaves no file', async (signal, code) => {
  const result = await interruptMidExport(tmp, tmp.path(`out-${signal}.csv`), signal);
  expect(result.tempFilesBefore).toBe(1);
  expect({ code: result.code, signal: result.signal }).toEqual({ code, signal: null });
  expect(result.filesAfter.filter((f) => f.includes(`out-${signal}`))).toEqual([]);
});
