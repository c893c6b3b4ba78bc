// A chart over a `datetime` category column (readings every 3 hours) wrote its categories as
// numbers on an automatic axis, which Excel and LibreOffice turn into a date axis: a date axis counts
// whole days, so every point of a day was drawn at one x (LibreOffice drew a vertical line). So did
// a column of `Date` values without a type. Now `datetime` categories are text (`strRef`) and every
// category axis that is not over a `date` column is a text axis (`auto` 0): one category per row,
// labelled in the column's format. `date` categories keep their date axis (#12).
import { describe, expect, it } from 'vitest';
import { type XlsxColumnSpec, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

const rows = Array.from({ length: 8 }, (_, i) => ({ t: new Date(Date.UTC(2024, 0, 15, i * 3)), v: i }));
const chartOf = async (columns: XlsxColumnSpec<(typeof rows)[number]>[]) =>
  parts(await readAll(toXlsx(rows, { columns, charts: [{ type: 'line', categories: 't', series: ['v'] }] })))['xl/charts/chart1.xml'] as string;

describe('chart categories with a time of day', () => {
  it('datetime categories are text on a text axis', async () => {
    const xml = await chartOf([{ key: 't', type: 'datetime' }, 'v']);
    expect(xml).toContain('<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$9</c:f></c:strRef></c:cat>');
    expect(xml).toContain('<c:auto val="0"/>');
  });

  it('Date values in a column without a type are on a text axis too', async () => {
    const xml = await chartOf(['t', 'v']);
    expect(xml).toContain('<c:cat><c:strRef>');
    expect(xml).toContain('<c:auto val="0"/>');
  });

  it('date categories keep their date axis', async () => {
    const xml = await chartOf([{ key: 't', type: 'date' }, 'v']);
    expect(xml).toContain('<c:cat><c:numRef><c:f>Sheet1!$A$2:$A$9</c:f></c:numRef></c:cat>');
    expect(xml).toContain('<c:auto val="1"/>');
  });
});
