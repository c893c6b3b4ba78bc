// rowport toXlsx with its defaults (bold blue header, frozen row, autofilter, auto-fit widths)
// and typed columns (integer, decimal, date number formats). With --norefs (the `rowport-norefs`
// case), `cellReferences: false`: no `r` on a cell that follows the one before it.
import { loadRowport, notAvailable, runCase } from '../harness.mjs';
import { COLUMNS, analyticsRows } from '../rows.mjs';

const rowport = await loadRowport();
const norefs = process.argv.includes('--norefs');
const name = norefs ? 'rowport-norefs' : 'rowport';

if (typeof rowport.toXlsx !== 'function') {
  notAvailable(name, 'toXlsx is not in dist/index.js yet');
} else {
  const columns = COLUMNS.map(({ key, header, type }) => ({ key, header, type }));
  await runCase(name, 'xlsx', async ({ rows, toFile }) => {
    await toFile(rowport.toXlsx(analyticsRows(rows), norefs ? { columns, cellReferences: false } : { columns }));
  });
}
