// rowport toCsv, default options (UTF-8 with BOM, RFC 4180, ISO dates in UTC, formula escaping on).
import { toCsv } from '../../dist/index.js';
import { runCase } from '../harness.mjs';
import { analyticsRows } from '../rows.mjs';

await runCase('rowport', 'csv', async ({ rows, toFile }) => {
  await toFile(toCsv(analyticsRows(rows)));
});
