import type { Readable } from 'node:stream';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ProgressInfo,
  type RowportWarning,
  type RowportWarningCode,
  type SheetSpec,
  type ToWorkbookOptions,
  type ToXlsxOptions,
  toWorkbook,
  toXlsx,
} from '../../src/index.js';

describe('toXlsx and toWorkbook types', () => {
  it('return a Readable', () => {
    expectTypeOf(toXlsx([{ a: 1 }])).toEqualTypeOf<Readable>();
    expectTypeOf(toWorkbook([{ name: 'S', rows: [{ a: 1 }] }])).toEqualTypeOf<Readable>();
  });

  it('type computed columns by the rows', () => {
    toXlsx([{ score: 1, name: 'Ada' }], { columns: [{ key: 'label', value: (row) => `${row.name}: ${row.score}` }] });
    // @ts-expect-error: `missing` is not a property of the rows
    toXlsx([{ score: 1 }], { columns: [{ key: 'x', value: (row) => row.missing }] });
  });

  it('take the look options', () => {
    expectTypeOf<ToXlsxOptions['onRowLimit']>().toEqualTypeOf<'newSheet' | 'error' | undefined>();
    toXlsx([], { headerStyle: { fill: '4472C4', color: null }, autoFit: { sampleRows: 100 }, freezeHeader: false, createdAt: new Date() });
    // @ts-expect-error: not a row-limit policy
    toXlsx([], { onRowLimit: 'split' });
  });

  it('report warnings with a code', () => {
    toXlsx([], {
      onWarning: (warning) => {
        expectTypeOf(warning).toEqualTypeOf<RowportWarning>();
        expectTypeOf(warning.code).toEqualTypeOf<RowportWarningCode>();
        expectTypeOf(warning.row).toEqualTypeOf<number | undefined>();
      },
    });
  });

  it('give progress the sheet and its rows', () => {
    expectTypeOf<ProgressInfo['sheet']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ProgressInfo['sheetRows']>().toEqualTypeOf<number | undefined>();
  });

  it('take sheets of different row types', () => {
    const sheets: SheetSpec<any>[] = [
      { name: 'A', rows: [{ a: 1 }] },
      { name: 'B', rows: (async function* () { yield { b: 'x' }; })(), columns: ['b'], timeZone: 'UTC' },
    ];
    toWorkbook(sheets, { autoFilter: false } satisfies ToWorkbookOptions);
    // @ts-expect-error: a workbook has no single `columns`
    toWorkbook(sheets, { columns: ['a'] });
    // @ts-expect-error: a sheet needs a name
    toWorkbook([{ rows: [] }]);
  });
});
