// rowport toCsv behind the composable pieces: selectColumns (all ten columns, renamed headers)
// and formatDates (the date column as ISO text), to measure what composing costs.
import { loadRowport, runCase } from '../harness.mjs';
import { COLUMNS, analyticsRows } from '../rows.mjs';

const { formatDates, selectColumns, toCsv } = await loadRowport();

const columns = COLUMNS.map(({ key, header }) => ({ key, header }));
const dateHeader = COLUMNS.find((c) => c.key === 'recordedAt').header;

await runCase('rowport + selectColumns + formatDates', 'csv', async ({ rows, toFile }) => {
  const selected = selectColumns(analyticsRows(rows), columns);
  const formatted = formatDates(selected, 'iso', { columns: [dateHeader] });
  await toFile(toCsv(formatted));
});
