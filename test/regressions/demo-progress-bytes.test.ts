import { Writable } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { runDemo } from '../../examples/demo.js';
import { FIXED_NOW, tempDir } from '../examples/support.js';

// The demo's progress line counted the gzipped CSV's bytes before gzip while its summary table
// counted the bytes written, so the two disagreed for metrics_….csv.gz.
let out: Awaited<ReturnType<typeof tempDir>> | undefined;
afterAll(() => out?.remove());

it("the demo's final progress line of each file gives the bytes written, as its table does", async () => {
  out = await tempDir();
  let log = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      log += String(chunk);
      done();
    },
  });
  const files = await runDemo({ outDir: out.dir, scale: 0.02, log: sink, now: FIXED_NOW });
  for (const f of files) {
    const line = log.split('\n').find((l) => l.startsWith(`  ${f.title}:`));
    expect(line, f.title).toContain(`, ${f.bytes.toLocaleString('en')} bytes written`);
  }
  expect(files.some((f) => f.fileName.endsWith('.gz'))).toBe(true);
});
