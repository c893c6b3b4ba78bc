// csv-parse (node-csv), parse({ columns: true, bom: true }), streaming.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { runReadCase } from '../harness.mjs';

await runReadCase('csv-parse', async (input, measure) => {
  for await (const row of createReadStream(input).pipe(parse({ columns: true, bom: true }))) measure(row);
});
