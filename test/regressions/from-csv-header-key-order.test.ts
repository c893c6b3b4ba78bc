// toCsv(fromCsv(file)), the docs' re-encode recipe, wrote a header `country,2023,2022` as
// `2022,2023,country`: every object lists integer-like keys first, and the writers took their columns
// from the first row's keys. A consumer reading the columns by position read other data. The rows
// now carry the header's order, which the writers (CSV, XLSX, web) take when no columns are given.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatDates, fromCsv, selectColumns, toCsv, toXlsx } from '../../src/index.js';
import { fromCsv as webFromCsv, toCsv as webToCsv } from '../../src/web/index.js';
import { readAll } from '../helpers/streams.js';
import { readWithOpenpyxl, saveTo, tempDir, values } from '../helpers/xlsx.js';

const INPUT = 'country,2023,2022,1\nFR,10,20,x\nDE,30,40,y\n';
const EXPECTED = [
  ['country', '2023', '2022', '1'],
  ['FR', '10', '20', 'x'],
  ['DE', '30', '40', 'y'],
];

describe('a CSV header with integer-like names', () => {
  it('keeps its order through toCsv', async () => {
    expect(parse(await readAll(toCsv(fromCsv(Buffer.from(INPUT)))), { bom: true })).toEqual(EXPECTED);
  });

  it('keeps its order through the web entry', async () => {
    const stream = webToCsv(webFromCsv(new TextEncoder().encode(INPUT)));
    const text = await new Response(stream).text();
    expect(parse(text, { bom: true })).toEqual(EXPECTED);
  });

  it('keeps its order through toXlsx (read by openpyxl)', async () => {
    const path = await saveTo(tempDir(), 'years.xlsx', toXlsx(fromCsv(Buffer.from(INPUT))));
    const sheet = readWithOpenpyxl([path])[path]?.sheets[0];
    expect(sheet && values(sheet)[0]).toEqual(EXPECTED[0]);
  });

  it('keeps its order through formatDates', async () => {
    expect(parse(await readAll(toCsv(formatDates(fromCsv(Buffer.from(INPUT)), 'iso'))), { bom: true })).toEqual(EXPECTED);
  });

  it('keeps its order through selectColumns', async () => {
    const selected = selectColumns(fromCsv(Buffer.from(INPUT)), ['country', { key: '2022', header: '2021' }, '2023']);
    expect(parse(await readAll(toCsv(selected)), { bom: true })).toEqual([
      ['country', '2021', '2023'],
      ['FR', '20', '10'],
      ['DE', '40', '30'],
    ]);
  });

  it("follows the row's keys when they changed", async () => {
    async function* changed() {
      for await (const row of fromCsv(Buffer.from(INPUT))) yield Object.assign(row, { extra: 'e' });
    }
    const [header] = parse(await readAll(toCsv(changed())), { bom: true }) as string[][];
    expect(header).toEqual(['1', '2022', '2023', 'country', 'extra']); // Object.keys' order, every key kept
  });
});
