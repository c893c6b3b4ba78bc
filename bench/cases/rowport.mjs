// rowport toCsv, default options (UTF-8 with BOM, RFC 4180, ISO dates in UTC, formula escaping on).
import { loadRowport, runCase } from '../harness.mjs';
import { analyticsRows } from '../rows.mjs';

const { toCsv } = await loadRowport();

await runCase('rowport', 'csv', async ({ rows, toFile }) => {
  await toFile(toCsv(analyticsRows(rows)));
});
