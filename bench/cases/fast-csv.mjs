// @fast-csv/format, format({ headers: true }): the CSV reference peer.
import { format } from '@fast-csv/format';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { runCase } from '../harness.mjs';
import { analyticsRows } from '../rows.mjs';

await runCase('fast-csv', 'csv', async ({ rows, path }) => {
  await pipeline(Readable.from(analyticsRows(rows)), format({ headers: true }), createWriteStream(path));
});
