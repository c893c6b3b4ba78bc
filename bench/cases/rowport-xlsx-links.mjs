// The held-out link mix of issue 24: six columns (id, name, score, attempts, a date, a `type: 'url'`
// column) with a table and totals, three conditional formats and a title block. Cases:
// rowport-links (native hyperlinks, the default; past 65,530 a sheet, formulas),
// rowport-links-formula (`links: 'formula'`), rowport-links-plain (the same sheet with the URL as
// plain text: the baseline the links are measured against).
import { loadRowport, notAvailable, runCase } from '../harness.mjs';
import { analyticsRows } from '../rows.mjs';

const rowport = await loadRowport();
const mode = process.argv.includes('--plain') ? 'plain' : process.argv.includes('--formula') ? 'formula' : 'auto';
const name = { auto: 'rowport-links', formula: 'rowport-links-formula', plain: 'rowport-links-plain' }[mode];

if (typeof rowport.toXlsx !== 'function') {
  notAvailable(name, 'toXlsx is not in dist/index.js yet');
} else {
  const profile = { key: 'profile', header: 'Profile', value: (row) => `https://school.example/students/${row.id}` };
  const options = {
    title: 'Scores',
    subtitle: 'Held-out link mix (#24)',
    columns: [
      { key: 'id', header: 'ID', type: 'integer' },
      { key: 'student', header: 'Student', type: 'string' },
      { key: 'score', header: 'Score', type: 'decimal' },
      { key: 'attempts', header: 'Attempts', type: 'integer' },
      { key: 'recordedAt', header: 'Recorded at', type: 'date' },
      mode === 'plain' ? profile : { ...profile, type: 'url' },
    ],
    table: { totals: { id: 'Total', score: 'average', attempts: 'sum' } },
    conditionalFormats: [
      { type: 'colorScale', column: 'score' },
      { type: 'dataBar', column: 'attempts' },
      { type: 'cell', column: 'score', operator: '<', value: 50, style: { fill: 'FFC7CE' } },
    ],
    ...(mode === 'formula' ? { links: 'formula' } : {}),
  };
  await runCase(name, 'xlsx', async ({ rows, toFile }) => {
    await toFile(rowport.toXlsx(analyticsRows(rows), options));
  });
}
