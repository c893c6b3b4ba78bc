// @fast-csv/parse, parse({ headers: true }): the CSV reading peer (what fromCsv used before 0.2.0).
import { createReadStream } from 'node:fs';
import { parse } from '@fast-csv/parse';
import { runReadCase } from '../harness.mjs';

await runReadCase('@fast-csv/parse', async (input, measure) => {
  for await (const row of createReadStream(input).pipe(parse({ headers: true }))) measure(row);
});
