// The TTY progress bar changed width between frames (19, 18, 16, 27 characters), so the line
// jumped and left debris. Every field now has a fixed width on a terminal (#14).
import { expect, it } from 'vitest';
import { ProgressBar } from '../../src/cli/progressBar.js';

it('frames at different progress have the same width, with and without a known size', () => {
  const frames = [
    { rows: 0, bytes: 0, inputBytes: 0 },
    { rows: 9, bytes: 1000, inputBytes: 1 },
    { rows: 10, bytes: 1024, inputBytes: 250 },
    { rows: 4_500, bytes: 300_000, inputBytes: 999 },
    { rows: 20_000, bytes: 2_000_000, inputBytes: 1000 },
  ];
  for (const inputSize of [undefined, 1000]) {
    let i = 0;
    let t = 0;
    const bar = new ProgressBar(process.stderr, () => frames[i] as (typeof frames)[number], { tty: true, columns: 100, inputSize, now: () => (t += 1000) });
    const widths = frames.map((_, frame) => {
      i = frame;
      return bar.render().length;
    });
    expect(new Set(widths).size, String(widths)).toBe(1);
  }
});
