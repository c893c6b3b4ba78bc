import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, finished, interruptMidExport } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ROW_LINES = `${Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i, name: `name ${i}`, note: 'x'.repeat(20) })).join('\n')}\n`;

describe('rowport signals and pipes', () => {
  it.each([
    ['SIGINT', 130, 'csv'],
    ['SIGINT', 130, 'xlsx'],
    ['SIGTERM', 143, 'csv'],
    ['SIGTERM', 143, 'xlsx'],
    ['SIGHUP', 129, 'csv'],
  ] as const)('%s mid-export aborts, exits %i and leaves no output file and no temp file (.%s)', async (signal, code, format) => {
    const name = `stopped-${signal}.${format}`;
    const result = await interruptMidExport(tmp, tmp.path(name), signal);
    expect(result.tempFilesBefore).toBe(1);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain('interrupted');
    expect(result.filesAfter.filter((f) => f.includes(`stopped-${signal}`))).toEqual([]);
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
      expect(
        result.stdout
          .toString('utf8')
          .replace(/^\uFEFF/, '')
          .trim(),
        command,
      ).toBe('id,name,note');
    }
  });
});
