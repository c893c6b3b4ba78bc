// A stream destroyed by its own 'data' listener (a size cap, a consumer that has seen enough) still
// made one more chunk: the writer ran on after the destroy, and onProgress reported bytes (and rows)
// that no one was given. Now nothing runs after the destroy.
import { expect, it } from 'vitest';
import { type ProgressInfo, toCsv } from '../../src/index.js';

it('calls onProgress no more once a data listener destroyed the stream, and never reports undelivered bytes', async () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => ({ id: i, name: `name ${i}` }));
  const reports: ProgressInfo[] = [];
  let destroyed = false;
  let late = 0;
  const stream = toCsv(rows, {
    progressInterval: 0,
    onProgress: (p) => {
      if (destroyed) late++;
      reports.push(p);
    },
  });
  let delivered = 0;
  stream.on('data', (chunk: Buffer) => {
    delivered += chunk.length;
    if (delivered > 100_000 && !destroyed) {
      destroyed = true;
      stream.destroy();
    }
  });
  await new Promise((resolve) => stream.on('close', resolve));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(late).toBe(0);
  expect(Math.max(...reports.map((p) => p.bytes))).toBeLessThanOrEqual(delivered);
});
