import type { Readable } from 'node:stream';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ProgressInfo,
  type RowportWarning,
  type RowportWarningCode,
  type SheetSpec,
  type ToWorkbookOptions,
  type ToXlsxOptions,
  type XlsxLookOptions,
  type XlsxWorkbookOptions,
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

  it('type each sheet of a workbook by its own rows', () => {
    toWorkbook([
      {
        name: 'Students',
        rows: [{ name: 'Ada', score: 0.93 }],
        columns: [
          'name',
          {
            key: 'label',
            value: (row) => {
              expectTypeOf(row).toEqualTypeOf<{ name: string; score: number }>();
              return `${row.name}: ${row.score}`;
            },
          },
        ],
      },
      {
        name: 'Classes',
        rows: (async function* () {
          yield { className: '7A', students: 24 };
        })(),
        columns: [{ key: 'size', value: (row) => row.students * 2, type: 'integer' }],
        timeZone: 'UTC',
      },
    ]);
    toWorkbook([
      // @ts-expect-error: `students` belongs to the second sheet's rows, not the first's
      { name: 'A', rows: [{ name: 'Ada' }], columns: [{ key: 'x', value: (row) => row.students }] },
      { name: 'B', rows: [{ students: 1 }] },
    ]);
  });

  it('take an array of sheets built at run time', () => {
    const sheets: SheetSpec<{ id: number }>[] = [{ name: 'A', rows: [{ id: 1 }], columns: [{ key: 'double', value: (row) => row.id * 2 }] }];
    expectTypeOf(toWorkbook(sheets, { autoFilter: false } satisfies ToWorkbookOptions)).toEqualTypeOf<Readable>();
    toWorkbook(['x', 'y'].map((name) => ({ name, rows: [{ name }], columns: [{ key: 'n', value: (row: { name: string }) => row.name.length }] })));
    // @ts-expect-error: a workbook has no single `columns`
    toWorkbook(sheets, { columns: ['a'] });
    // @ts-expect-error: a sheet needs a name
    toWorkbook([{ rows: [] }]);
  });
});

describe('XlsxWorkbookOptions', () => {
  it('is what toXlsx and toWorkbook share; XlsxLookOptions stays as its deprecated alias', () => {
    expectTypeOf<ToWorkbookOptions>().toMatchTypeOf<XlsxWorkbookOptions>();
    expectTypeOf<ToXlsxOptions>().toMatchTypeOf<XlsxWorkbookOptions>();
    expectTypeOf<XlsxLookOptions>().toEqualTypeOf<XlsxWorkbookOptions>();
    expectTypeOf<XlsxWorkbookOptions['compressionLevel']>().toEqualTypeOf<number | undefined>();
  });
});
