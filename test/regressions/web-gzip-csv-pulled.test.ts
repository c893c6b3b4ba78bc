// rowport/web's toCsv with `gzip: true` piped its bytes into CompressionStream with pipeThrough: on
// Node, whose CompressionStream queues up to 16,384 chunks on its writable side, a slow reader (or
// none) let the source be read ahead by 16,384 chunks of 64 KiB, a gigabyte in memory. The gzip is
// now pulled as the plain stream is: rows are read only as the compressed bytes are.
import { gunzipSync } from 'node:zlib';
import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import * as node from '../../src/index.js';
import * as web from '../../src/web/index.js';
import { countingSource, readAll } from '../helpers/streams.js';

const ROWS = 2000;
// One row is one chunk of ~64 KiB that gzip cannot shrink much: what the source was read ahead by is the rows it gave.
const row = (i: number) => ({ i, text: Buffer.from(crypto.getRandomValues(new Uint8Array(49_200))).toString('base64') });
const pause = () => new Promise((resolve) => setTimeout(resolve, 300));

it('reads no row before the first read, and few more than the reader takes', async () => {
  const { iterable, state } = countingSource(row, ROWS);
  const reader = web.toCsv(iterable, { gzip: true }).getReader();
  await pause();
  expect(state.pulled).toBe(0);
  await reader.read();
  await pause();
  expect(state.pulled).toBeLessThan(200); // a batch of rows (64) and what the gzip holds, not the 2000 rows
  await reader.cancel();
  expect(state.returned).toBe(1);
});

it('still writes the gzip of the CSV the Node entry writes', async () => {
  const rows = Array.from({ length: 300 }, (_, i) => ({ i, text: `row ${i}, "quoted"` }));
  const zipped = Buffer.from(await new Response(web.toCsv(rows, { gzip: true })).arrayBuffer());
  expect(gunzipSync(zipped).equals(await readAll(node.toCsv(rows)))).toBe(true);
});

it('errors with the source failure, nothing after it', async () => {
  async function* failing() {
    yield row(0);
    throw new Error('db down');
  }
  await expect(new Response(web.toCsv(failing(), { gzip: true })).arrayBuffer()).rejects.toEqual(
    expect.objectContaining({ code: 'ROWPORT_SOURCE_FAILED', row: 1, cause: expect.objectContaining({ message: 'db down' }) }),
  );
});
