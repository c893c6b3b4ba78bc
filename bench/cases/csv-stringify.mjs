// csv-stringify, stringify({ header: true }).
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { runCase } from '../harness.mjs';
import { analyticsRows } from '../rows.mjs';

await runCase('csv-stringify', 'csv', async ({ rows, path }) => {
  await pipeline(Readable.from(analyticsRows(rows)), stringify({ header: true }), createWriteStream(path));
});
