import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressBar, formatBytes, formatDuration } from '../../src/cli/progressBar.js';
import { CLI, finished, readCsv, run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

const tmp = tempDir();
const input = tmp.path('rows.ndjson');
beforeAll(() => writeFileSync(input, Array.from({ length: 5000 }, (_, i) => JSON.stringify({ id: i, v: `v${i}` })).join('\n')));
afterAll(() => tmp.cleanup());

const haveScript = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;
if (!haveScript) console.warn(`\n!!! util-linux 'script' is missing: the pseudo-terminal test ${process.env.CI ? 'FAILS' : 'is SKIPPED'} !!!\n`);

describe('progress bar', () => {
  it('draws on stderr in a pseudo-terminal (util-linux script), with percent from the input file size, then erases itself', async () => {
    if (!haveScript) {
      if (process.env.CI) throw new Error("util-linux 'script' is required in CI");
      return;
    }
    const out = tmp.path('tty.csv');
    // script gives the command a terminal for stdin, stdout and stderr; its own output is what the terminal showed.
    const command = `"${process.execPath}" "${CLI}" "${input}" -o "${out}"`;
    const result = await finished(spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] }));
    expect(result.code).toBe(0);
    const screen = result.stdout.toString('utf8');
    expect(screen).toMatch(/\r(\x1b\[K)?rowport \[#+\] 100% +5,000 rows\b/);
    expect(screen).toContain('\r\x1b[K'); // the bar is erased before the summary
    expect(screen).toMatch(/wrote 5,000 rows/);
    expect(readCsv(readFileSync(out, 'utf8'))).toHaveLength(5001);
  });

  it('is not drawn when stderr is not a terminal, unless --progress', async () => {
    const plain = await run([input, '-o', tmp.path('plain.csv')]);
    expect(plain.stderr).not.toContain('rows/s');
    const forced = await run([input, '-o', tmp.path('forced.csv'), '--progress']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/^rowport 100% 5,000 rows {2}[\d,]+ rows\/s {2}[\d.]+ KB\n/m);
    expect(forced.stderr).not.toContain('\r');
  });

  it('takes percent from --total for stdin, and nothing with --quiet', async () => {
    const text = readFileSync(input, 'utf8');
    const withTotal = await run(['-o', tmp.path('total.csv'), '--progress', '--total', '10000'], { input: text });
    expect(withTotal.stderr).toMatch(/^rowport {2}50% 5,000 rows/m);
    const noTotal = await run(['-o', tmp.path('nototal.csv'), '--progress'], { input: text });
    expect(noTotal.stderr).toMatch(/^rowport 5,000 rows {2}/m);
    const quiet = await run(['-o', tmp.path('quiet.csv'), '--progress', '--quiet'], { input: text });
    expect(quiet.stderr).toBe('');
  });
});

describe('ProgressBar', () => {
  const state = { rows: 250, bytes: 4096, inputBytes: 500 };
  const at = (seconds: number) => {
    let t = 0;
    const now = () => (t += seconds * 1000);
    return now;
  };

  it('shows rows, rows/s and bytes, with percent, bar and ETA when the input size is known', () => {
    const bar = new ProgressBar(process.stderr, () => state, { tty: true, columns: 100, inputSize: 1000, now: at(10) });
    expect(bar.render()).toBe(`rowport [${'#'.repeat(13)}${'-'.repeat(13)}]  50%        250 rows         25 rows/s     4.0 KB  ETA 10s    `);
  });

  it('keeps every frame on a terminal the same width, from the first row to the last, with and without ETA', () => {
    const frames = [
      { rows: 0, bytes: 0, inputBytes: 0 },
      { rows: 7, bytes: 900, inputBytes: 10 },
      { rows: 250, bytes: 4096, inputBytes: 500 },
      { rows: 12_345, bytes: 5_000_000, inputBytes: 990 },
      { rows: 1_234_567, bytes: 52_428_800 * 19, inputBytes: 999 },
      { rows: 99_999_999, bytes: 1023.9 * 1024 ** 2, inputBytes: 1000 },
    ];
    for (const columns of [80, 100, 160]) {
      for (const sizes of [{ inputSize: 1000 }, { total: 100_000_000 }, {}]) {
        let frame = 0;
        const bar = new ProgressBar(process.stderr, () => frames[frame] as (typeof frames)[number], { tty: true, columns, ...sizes, now: at(60) });
        const widths = frames.map((_, i) => {
          frame = i;
          return bar.render().length;
        });
        expect(new Set(widths).size, `${columns} columns, ${JSON.stringify(sizes)}: ${widths}`).toBe(1);
        if (sizes.inputSize || sizes.total) expect(widths[0]).toBeLessThanOrEqual(columns - 1);
      }
    }
  });

  it('writes compact fields into a log (not a terminal)', () => {
    const bar = new ProgressBar(process.stderr, () => state, { tty: false, inputSize: 1000, now: at(10) });
    expect(bar.render()).toBe('rowport  50% 250 rows  25 rows/s  4.0 KB  ETA 10s');
  });

  it('shows percent from total over input size, and no bar on a narrow terminal', () => {
    const bar = new ProgressBar(process.stderr, () => state, { tty: true, columns: 40, total: 1000, inputSize: 1000, now: at(10) });
    expect(bar.render()).toBe('rowport  25%        250 rows         25 rows/s     4.0 KB  ETA 30s    ');
  });

  it('formats bytes and durations', () => {
    expect([formatBytes(0), formatBytes(1023), formatBytes(1536), formatBytes(5 * 1024 ** 3)]).toEqual(['0 B', '1023 B', '1.5 KB', '5.0 GB']);
    expect([formatDuration(0.035), formatDuration(4.25), formatDuration(42), formatDuration(185), formatDuration(3723)]).toEqual([
      '35 ms',
      '4.3s',
      '42s',
      '3:05',
      '1:02:03',
    ]);
  });
});
