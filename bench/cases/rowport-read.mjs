// rowport fromCsv: rows as objects keyed by the header, read from the file path, no field limit.
import { loadRowport, runReadCase } from '../harness.mjs';

const { fromCsv } = await loadRowport();

await runReadCase('rowport fromCsv', async (input, measure) => {
  for await (const row of fromCsv(input, { maxFieldBytes: Infinity })) measure(row);
});
