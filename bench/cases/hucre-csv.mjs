// hucre 1.0 writeCsvStream (a zero-dependency TypeScript peer): its constant-memory CSV stream.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeCsvStream } from 'hucre/csv';
import { runCase } from '../harness.mjs';
import { KEYS, analyticsRows } from '../rows.mjs';

await runCase('hucre', 'csv', async ({ rows, path }) => {
  await pipeline(Readable.fromWeb(writeCsvStream(analyticsRows(rows), { columns: KEYS })), createWriteStream(path));
});
