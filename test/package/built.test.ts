import { describe, expect, it } from 'vitest';
import { builtCjs, builtEsm } from '../helpers/built.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// The built package, as users load it (`npm test` builds first).

describe('the built package', () => {
  it('loads as ESM and as CommonJS with the same API', async () => {
    const esm = await builtEsm();
    const cjs = builtCjs();
    const names = [
      'toCsv',
      'toXlsx',
      'toWorkbook',
      'defineSheet',
      'fromCsv',
      'selectColumns',
      'formatDate',
      'formatDates',
      'exportToFile',
      'exportFileName',
      'contentDisposition',
      'RowportError',
      'isRowportError',
    ];
    for (const name of names) {
      expect(typeof esm[name as keyof typeof esm]).toBe('function');
      expect(typeof cjs[name as keyof typeof cjs]).toBe('function');
    }
  });

  it('isRowportError and instanceof recognise an error from the other build', async () => {
    const esm = await builtEsm();
    const cjs = builtCjs();
    const fromCjs = new cjs.RowportError('ROWPORT_ABORTED', 'x');
    const fromEsm = new esm.RowportError('ROWPORT_ABORTED', 'x');
    expect(fromCjs instanceof esm.RowportError).toBe(true);
    expect(fromEsm instanceof cjs.RowportError).toBe(true);
    expect(esm.isRowportError(fromCjs)).toBe(true);
    expect(esm.isRowportError(new Error('x'))).toBe(false);
    expect(new Error('x') instanceof esm.RowportError).toBe(false);
    expect(fromCjs instanceof Error).toBe(true);
    class Sub extends esm.RowportError {}
    expect(new Sub('ROWPORT_ABORTED', 'x') instanceof Sub).toBe(true);
    expect(fromEsm instanceof Sub).toBe(false); // a subclass checks its own prototype
  });

  it("keeps a CSV header's order (country,2023) from the CommonJS fromCsv to the ESM toCsv", async () => {
    const esm = await builtEsm();
    const cjs = builtCjs();
    const chunks: Buffer[] = [];
    for await (const chunk of esm.toCsv(cjs.fromCsv(Buffer.from('country,2023\nFR,1\n')))) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('\uFEFFcountry,2023\r\nFR,1\r\n');
  });

  it.each(['ESM', 'CommonJS'])('writes the same XLSX workbooks from the %s build as from the source', async (build) => {
    const pkg = build === 'ESM' ? await builtEsm() : builtCjs();
    const source = await import('../../src/index.js');
    const rows = [{ name: 'Ada', score: 0.93, when: new Date(Date.UTC(2024, 0, 15)) }];
    const options = {
      columns: ['name', { key: 'score', type: 'percent' as const }, { key: 'when', type: 'date' as const }],
      charts: [{ type: 'column' as const, categories: 'name', series: ['score'] }],
    };
    const built = await readAll(pkg.toXlsx(rows, options));
    expect(built.equals(await readAll(source.toXlsx(rows, options)))).toBe(true);
    expect(parts(built)['xl/worksheets/sheet1.xml']).toContain('<c r="B2" s="');
    const sheets = [
      { name: 'A', rows },
      { name: 'B', rows: [{ x: 1 }], headerFooter: { footer: 'Page &P' } },
    ];
    const book = await readAll(pkg.toWorkbook(sheets, { dateFormat: 'us' }));
    expect(book.equals(await readAll(source.toWorkbook(sheets, { dateFormat: 'us' })))).toBe(true);
    expect(parts(book)['xl/workbook.xml']).toContain('<sheet name="B" sheetId="2" r:id="rId2"/>');
    expect(() => pkg.toXlsx([], { compressionLevel: 10 })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });
});
