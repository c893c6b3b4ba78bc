import { describe, expect, it, vi } from 'vitest';
import { type ChartSpec, toWorkbook, toXlsx } from '../../../../src/index.js';
import { readAll } from '../../../helpers/streams.js';
import { parts } from '../../../helpers/unzip.js';

// A sheet rolls over at 10 rows here, as in test/xlsx/rowLimit.test.ts.
vi.mock('../../../../src/xlsx/xml/sheetXml.js', async (importOriginal) => ({ ...(await importOriginal<object>()), MAX_SHEET_ROWS: 10 }));

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, score: i * 1.5 }));
const chart: ChartSpec = { type: 'column', title: 'Scores', categories: 'name', series: ['score'] };
const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });

describe('toXlsx option `charts`', () => {
  describe('raises ROWPORT_INVALID_OPTION when called, before any byte', () => {
    it.each([
      ['an unknown type', { ...chart, type: 'area' }, 'charts[0].type'],
      ['a pie with several series', { ...chart, type: 'pie', series: ['score', 'name'] }, 'charts[0].series'],
      ['a series that is not a column', { ...chart, series: ['points'] }, 'charts[0].series[0]'],
      ['categories that are not a column', { ...chart, categories: 'Name' }, 'charts[0].categories'],
    ])('%s', (_, spec, option) => {
      let pulled = 0;
      const source = (function* () {
        pulled++;
        yield* rows(3);
      })();
      expect(() => toXlsx(source, { columns: ['name', { key: 'score', type: 'decimal' }], charts: [spec as ChartSpec] })).toThrow(invalid(option));
      expect(pulled).toBe(0);
    });

    it('in a sheet of toWorkbook, naming the sheet', () => {
      expect(() =>
        toWorkbook([
          { name: 'A', rows: rows(1) },
          { name: 'B', rows: rows(1), columns: ['name', 'score'], charts: [{ ...chart, series: ['nope'] }] },
        ]),
      ).toThrow(invalid('sheets[1].charts[0].series[0]'));
    });

    it('for bad print options', () => {
      expect(() => toXlsx(rows(1), { print: { orientation: 'sideways' as never } })).toThrow(invalid('print.orientation'));
      expect(() => toXlsx(rows(1), { headerFooter: { footer: 42 as never } })).toThrow(invalid('headerFooter.footer'));
    });
  });

  it('without `columns`, checks the keys against the first row and fails the stream before the sheet is written', async () => {
    const stream = toXlsx(rows(3), { charts: [{ ...chart, series: ['points'] }] });
    await expect(readAll(stream)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
  });

  it('draws no chart, and fails nothing, for an empty source without `columns`', async () => {
    const p = parts(await readAll(toXlsx([], { charts: [chart] })));
    expect(Object.keys(p).filter((n) => n.startsWith('xl/charts/'))).toEqual([]);
  });

  it('draws an empty chart for an empty source with `columns`', async () => {
    const p = parts(await readAll(toXlsx([], { columns: ['name', 'score'], charts: [chart] })));
    expect(p['xl/charts/chart1.xml']).toContain('<c:f>Sheet1!$B$2:$B$2</c:f>');
  });

  it('gives the same bytes twice', async () => {
    const make = () =>
      toWorkbook([
        { name: 'One', rows: rows(5), charts: [chart, { type: 'pie', categories: 'name', series: ['score'] }], headerFooter: { footer: '&P' } },
        { name: 'Two', rows: rows(4), charts: [{ type: 'line', categories: 'name', series: ['score'] }], print: { orientation: 'landscape' } },
      ]);
    const [a, b] = [await readAll(make()), await readAll(make())];
    expect(a.equals(b)).toBe(true);
    const p = parts(a);
    expect(
      Object.keys(p)
        .filter((n) => /charts|drawings|worksheets\/_rels/.test(n))
        .sort(),
    ).toEqual([
      'xl/charts/chart1.xml',
      'xl/charts/chart2.xml',
      'xl/charts/chart3.xml',
      'xl/drawings/_rels/drawing1.xml.rels',
      'xl/drawings/_rels/drawing2.xml.rels',
      'xl/drawings/drawing1.xml',
      'xl/drawings/drawing2.xml',
      'xl/worksheets/_rels/sheet1.xml.rels',
      'xl/worksheets/_rels/sheet2.xml.rels',
    ]);
    expect(p['[Content_Types].xml']).toContain(
      '<Override PartName="/xl/charts/chart3.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
    expect(p['xl/charts/chart3.xml']).toContain('<c:f>Two!$B$2:$B$5</c:f>');
  });

  it('draws a chart over the first part of a sheet that continues past the row limit, and none on the continuation', async () => {
    const p = parts(await readAll(toXlsx(rows(25), { sheetName: 'Big', charts: [chart] })));
    expect(p['xl/charts/chart1.xml']).toContain('<c:f>Big!$B$2:$B$10</c:f>');
    expect(Object.keys(p).filter((n) => n.startsWith('xl/charts/'))).toEqual(['xl/charts/chart1.xml']);
    expect(p['xl/worksheets/sheet1.xml']).toContain('<drawing r:id="rId1"/>');
    expect(p['xl/worksheets/sheet2.xml']).not.toContain('<drawing');
    // Every part prints with its own header row repeated.
    expect(p['xl/workbook.xml']).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'Big (2)'!$1:$1</definedName>`);
  });

  it('writes the print fragments in schema order, after the autofilter and before the drawing', async () => {
    const p = parts(
      await readAll(toXlsx(rows(2), { charts: [chart], headerFooter: { header: 'H' }, print: { fitToWidth: true, gridlines: true, paperSize: 'letter' } })),
    );
    const sheet = p['xl/worksheets/sheet1.xml'] as string;
    const order = ['<sheetPr>', '<sheetData>', '<autoFilter', '<printOptions', '<pageMargins', '<pageSetup', '<headerFooter>', '<drawing'].map((t) =>
      sheet.indexOf(t),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(sheet).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  });
});
