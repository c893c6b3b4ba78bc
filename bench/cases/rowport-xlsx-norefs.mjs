// rowport toXlsx as `rowport-xlsx.mjs`, with `cellReferences: false`: no `r` on a cell that follows
// the one before it (the `rowport-norefs` case).
import { loadRowport, notAvailable, runCase } from '../harness.mjs';
import { COLUMNS, analyticsRows } from '../rows.mjs';

const rowport = await loadRowport();

if (typeof rowport.toXlsx !== 'function') {
  notAvailable('rowport-norefs', 'toXlsx is not in dist/index.js yet');
} else {
  const columns = COLUMNS.map(({ key, header, type }) => ({ key, header, type }));
  await runCase('rowport-norefs', 'xlsx', async ({ rows, toFile }) => {
    await toFile(rowport.toXlsx(analyticsRows(rows), { columns, cellReferences: false }));
  });
}
