// rowport toXlsx as rowport-xlsx.mjs, plus the workbook features of issue 12: an Excel table with a
// totals row (SUBTOTAL values computed while streaming), a colour scale on the scores and a link column.
// The links show the student's name ({ text, url }); with --url-links (case rowport-features-url) they
// show their URL, the plain form of a `url` column. With --plain (case rowport-features-plain) the same
// eleven columns without the features: the profile column is its URL as plain text, so the cases
// differ by the features only.
import { loadRowport, notAvailable, runCase } from '../harness.mjs';
import { COLUMNS, analyticsRows } from '../rows.mjs';

const rowport = await loadRowport();

if (typeof rowport.toXlsx !== 'function') {
  notAvailable('rowport-features', 'toXlsx is not in dist/index.js yet');
} else {
  const plain = process.argv.includes('--plain');
  const urlLinks = process.argv.includes('--url-links');
  const base = COLUMNS.map(({ key, header, type }) => ({ key, header, type }));
  const options = plain
    ? { columns: [...base, { key: 'profile', header: 'Profile', value: (row) => `https://school.example/students/${row.id}` }] }
    : {
        columns: [
          ...base,
          urlLinks
            ? { key: 'profile', header: 'Profile', type: 'url', value: (row) => `https://school.example/students/${row.id}` }
            : { key: 'profile', header: 'Profile', type: 'url', value: (row) => ({ text: row.student, url: `https://school.example/students/${row.id}` }) },
        ],
        table: { totals: { id: 'Total', score: 'average', attempts: 'sum' } },
        conditionalFormats: [{ type: 'colorScale', column: 'score' }],
      };
  await runCase(plain ? 'rowport-features-plain' : urlLinks ? 'rowport-features-url' : 'rowport-features', 'xlsx', async ({ rows, toFile }) => {
    await toFile(rowport.toXlsx(analyticsRows(rows), options));
  });
}
