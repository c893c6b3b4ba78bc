// rowport toXlsx with its defaults (bold blue header, frozen row, autofilter, auto-fit widths)
// and typed columns (integer, decimal, date number formats).
import { loadRowport, notAvailable, runCase } from '../harness.mjs';
import { COLUMNS, analyticsRows } from '../rows.mjs';

const rowport = await loadRowport();

if (typeof rowport.toXlsx !== 'function') {
  notAvailable('rowport', 'toXlsx is not in dist/index.js yet');
} else {
  const columns = COLUMNS.map(({ key, header, type }) => ({ key, header, type }));
  await runCase('rowport', 'xlsx', async ({ rows, toFile }) => {
    await toFile(rowport.toXlsx(analyticsRows(rows), { columns }));
  });
}
