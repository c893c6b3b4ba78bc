import { spawn } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, finished, start, tempDir } from './run.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ROW_LINES = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i, name: `name ${i}`, note: 'x'.repeat(20) })).join('\n') + '\n';

/** Writes and waits for the pipe to take it (backpressure), so the loop below never floods memory. */
function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Temp files of an export in progress (exportToFile writes `.<name>.<random>.tmp`), with their sizes. */
function tempFiles(): { name: string; size: number }[] {
  return tmp
    .files()
    .filter((f) => f.endsWith('.tmp'))
    .map((name) => {
      try {
        return { name, size: statSync(tmp.path(name)).size };
      } catch {
        return { name, size: 0 };
      }
    });
}

describe('rowport signals and pipes', () => {
  it.each(['csv', 'xlsx'])('Ctrl-C (SIGINT) mid-export to .%s aborts, exits 130 and leaves no output file and no temp file', async (format) => {
    const out = tmp.path(`interrupted.${format}`);
    const child = start(['--from', 'ndjson', '-o', out]);
    const done = finished(child);
    // A slow source: rows keep coming until part of the output has reached the temp file,
    // then stdin stays open, as with a long query.
    for (let i = 0; i < 5000 && !tempFiles().some((f) => f.size > 0); i++) {
      await write(child.stdin as Writable, ROW_LINES);
    }
    expect(tempFiles().some((f) => f.size > 0)).toBe(true);
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('interrupted');
    expect(tmp.files()).not.toContain(`interrupted.${format}`);
    expect(tempFiles()).toEqual([]);
  });

  it('`| head -1` ends quietly with exit 0, from a file and from stdin', async () => {
    const big = tmp.path('big.ndjson');
    writeFileSync(big, ROW_LINES.repeat(50)); // 100,000 rows, several MB of CSV: far more than a pipe holds
    for (const command of [`node "${CLI}" "${big}" | head -1`, `cat "${big}" | node "${CLI}" | head -1`]) {
      const shell = spawn('bash', ['-c', `${command}; echo "exit=\${PIPESTATUS[1]}:\${PIPESTATUS[0]}" >&2`], { stdio: ['ignore', 'pipe', 'pipe'] });
      const result = await finished(shell);
      const codes = /exit=(\d*):(\d+)/.exec(result.stderr);
      // PIPESTATUS: for `node | head` the node status is [0]; for `cat | node | head` it is [1].
      const status = command.startsWith('cat') ? codes?.[1] : codes?.[2];
      expect(status, command).toBe('0');
      expect(result.stderr.replace(/exit=.*\n/, ''), command).toBe('');
      expect(result.stdout.toString('utf8').replace(/^\uFEFF/, '').trim(), command).toBe('id,name,note');
    }
  });
});
