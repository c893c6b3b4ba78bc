import { describe, expect, it } from 'vitest';
import { exportFileName, exportToFile, formatDate, formatDates, fromCsv, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { ownOptions } from '../../src/base/optionKeys.js';

const rows = [{ id: 1, name: 'Ada' }];
const chart = { type: 'column', categories: 'name', series: ['id'] };

// [call, the misspelt option as named in the error, the suggestion]
const CASES: [string, () => unknown, string, string | undefined][] = [
  ['toCsv', () => toCsv(rows, { colums: ['id'] } as never), 'colums', 'columns'],
  ['toCsv (a CSV option)', () => toCsv(rows, { delimeter: ';' } as never), 'delimeter', 'delimiter'],
  ['toCsv (case)', () => toCsv(rows, { timezone: 'UTC' } as never), 'timezone', 'timeZone'],
  ['toCsv (an XLSX option)', () => toCsv(rows, { sheetName: 'x' } as never), 'sheetName', undefined],
  ['toCsv column object', () => toCsv(rows, { columns: [{ key: 'id', heade: 'ID' }] } as never), 'columns[0].heade', 'header'],
  ['toXlsx', () => toXlsx(rows, { freezHeader: false } as never), 'freezHeader', 'freezeHeader'],
  ['toXlsx headerStyle', () => toXlsx(rows, { headerStyle: { colour: 'FF0000' } } as never), 'headerStyle.colour', 'color'],
  ['toXlsx autoFit', () => toXlsx(rows, { autoFit: { maxWidht: 9 } } as never), 'autoFit.maxWidht', 'maxWidth'],
  ['toXlsx chart', () => toXlsx(rows, { charts: [{ ...chart, tilte: 'T' }] } as never), 'charts[0].tilte', 'title'],
  [
    'toXlsx chart size',
    () => toXlsx(rows, { charts: [{ ...chart, size: { width: 400, height: 300, heigth: 1 } }] } as never),
    'charts[0].size.heigth',
    'height',
  ],
  ['toXlsx headerFooter', () => toXlsx(rows, { headerFooter: { foter: 'x' } } as never), 'headerFooter.foter', 'footer'],
  ['toXlsx print', () => toXlsx(rows, { print: { landscape: true } } as never), 'print.landscape', undefined],
  ['toXlsx column object', () => toXlsx(rows, { columns: [{ key: 'id', tpye: 'integer' }] } as never), 'columns[0].tpye', 'type'],
  ['toWorkbook', () => toWorkbook([{ name: 'S', rows }], { compression: 3 } as never), 'compression', undefined],
  [
    'toWorkbook sheet',
    () =>
      toWorkbook([
        { name: 'S', rows },
        { name: 'T', rows, colums: ['id'] },
      ] as never),
    'sheets[1].colums',
    'columns',
  ],
  ['toWorkbook sheet chart', () => toWorkbook([{ name: 'S', rows, charts: [{ ...chart, serie: ['id'] }] }] as never), 'sheets[0].charts[0].serie', 'series'],
  ['toWorkbook sheet print', () => toWorkbook([{ name: 'S', rows, print: { gridLines: true } }] as never), 'sheets[0].print.gridLines', 'gridlines'],
  ['fromCsv', () => fromCsv(Buffer.from('a\n1\n'), { header: true } as never), 'header', 'headers'],
  ['formatDate', () => formatDate(0, 'iso', { timezone: 'UTC' } as never), 'timezone', 'timeZone'],
  ['formatDates', () => formatDates(rows, 'iso', { column: ['id'] } as never), 'column', 'columns'],
  ['selectColumns column object', () => selectColumns(rows, [{ key: 'id', vaule: () => 1 }] as never), '[0].vaule', 'value'],
  ['exportFileName', () => exportFileName('x', 'csv', { data: new Date() } as never), 'data', 'date'],
];

describe('unknown option keys', () => {
  it.each(CASES)('%s refuses a misspelt option at the call', (_name, call, option, guess) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
    const message = (error as Error).message;
    expect(message).toContain(`\`${option.startsWith('[') ? `columns${option}` : option}\``);
    if (guess === undefined) expect(message).not.toContain('did you mean');
    else expect(message).toContain(`did you mean '${guess}'?`);
  });

  it('exportToFile rejects a misspelt option before writing anything', async () => {
    await expect(exportToFile(toCsv(rows), '/nonexistent-dir/x.csv', { signl: undefined } as never)).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_OPTION',
      message: expect.stringContaining("did you mean 'signal'?"),
    });
  });

  it('takes every documented option, including ones given as undefined', () => {
    expect(() => toCsv(rows, { columns: undefined, delimiter: undefined, gzip: undefined })).not.toThrow();
    expect(() => toXlsx(rows, { sheetName: undefined, charts: undefined, print: undefined })).not.toThrow();
  });

  it('suggests only near misses', () => {
    const known = new Set(['columns', 'delimiter']);
    expect(() => ownOptions({ colmuns: 1 }, known)).toThrow("did you mean 'columns'?");
    expect(() => ownOptions({ zzz: 1 }, known)).toThrow(/^(?!.*did you mean)/);
    expect(() => ownOptions({ columns: 1, delimiter: 2 }, known)).not.toThrow();
  });
});
