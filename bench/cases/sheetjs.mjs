// SheetJS (xlsx 0.18.5): builds the whole sheet in memory, then writes it. Capped at 100k rows
// (at 1M it runs out of memory); the table shows the rows it actually wrote.
import { createRequire } from 'node:module';
import { runCase } from '../harness.mjs';
import { COLUMNS, analyticsArrays } from '../rows.mjs';

const XLSX = createRequire(import.meta.url)('xlsx');
const CAP = 100_000;

await runCase('SheetJS', 'xlsx', async ({ rows, path }) => {
  const n = Math.min(rows, CAP);
  const data = [COLUMNS.map((c) => c.header)];
  for (const row of analyticsArrays(n)) data.push(row);
  const sheet = XLSX.utils.aoa_to_sheet(data, { cellDates: true, dateNF: 'yyyy-mm-dd' });
  sheet['!cols'] = COLUMNS.map((c) => ({ wch: c.width }));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Sheet1');
  XLSX.writeFile(book, path, { compression: true });
  return n;
});
