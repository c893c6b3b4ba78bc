// Baseline: generating the rows alone (no writer), to show what the generator costs every case.
import { writeFile } from 'node:fs/promises';
import { runCase } from '../harness.mjs';
import { analyticsRows } from '../rows.mjs';

await runCase('rows only (generator)', 'txt', async ({ rows, path }) => {
  let n = 0;
  for (const row of analyticsRows(rows)) if (row.id > 0) n++;
  await writeFile(path, `${n}\n`);
});
