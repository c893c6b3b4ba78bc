// rowport toXlsx as rowport-xlsx.mjs, plus the pictures of issue 20: a title block with a logo
// (examples/assets/logo.png), a picture anchored beside the data and a column chart with a tuned
// value axis, all in the sheet's one drawing. Past 1,048,576 rows the sheet continues on
// 'Sheet1 (2)', which repeats the title block and its logo. Run alone:
//   node bench/cases/rowport-xlsx-pictures.mjs --rows 1000000
import { readFileSync } from 'node:fs';
import { loadRowport, notAvailable, runCase } from '../harness.mjs';
import { COLUMNS, analyticsRows } from '../rows.mjs';

const rowport = await loadRowport();

if (typeof rowport.toXlsx !== 'function') {
  notAvailable('rowport-pictures', 'toXlsx is not in dist/index.js yet');
} else {
  const logo = readFileSync(new URL('../../examples/assets/logo.png', import.meta.url));
  const options = {
    columns: COLUMNS.map(({ key, header, type }) => ({ key, header, type })),
    title: 'Analytics export',
    subtitle: 'With a logo, a picture and a chart',
    logo: { image: logo, altText: 'rowport' },
    images: [{ image: logo, cell: 'L2', width: 336 }],
    charts: [{ type: 'column', categories: 'class', series: ['score'], anchor: 'L8', valueAxis: { min: 0, numFmt: '0' } }],
  };
  await runCase('rowport-pictures', 'xlsx', async ({ rows, toFile }) => {
    await toFile(rowport.toXlsx(analyticsRows(rows), options));
  });
}
