import type { Readable } from 'node:stream';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Column,
  type ExportSummary,
  type ProgressInfo,
  type RowportErrorCode,
  RowportError,
  exportToFile,
  formatDates,
  fromCsv,
  selectColumns,
  toCsv,
} from '../../src/index.js';

interface Student {
  id: number;
  name: string;
  born: Date;
  scores: { math: number };
}
declare const students: AsyncIterable<Student>;

describe('public types', () => {
  it('toCsv returns a Readable and carries the row type into computed columns', () => {
    expectTypeOf(toCsv(students)).toEqualTypeOf<Readable>();
    toCsv(students, { columns: ['id', { key: 'math', value: (row, index) => row.scores.math + index }] });
    // @ts-expect-error the row has no `age`
    toCsv(students, { columns: [{ key: 'x', value: (row) => row.age }] });
    // @ts-expect-error unknown column type
    toCsv(students, { columns: [{ key: 'id', type: 'money' }] });
  });

  it('onProgress receives ProgressInfo', () => {
    toCsv(students, { onProgress: (p) => expectTypeOf(p).toEqualTypeOf<ProgressInfo>() });
  });

  it('Column<T> is generic over the row', () => {
    expectTypeOf<Column<Student>['value']>().toEqualTypeOf<((row: Student, index: number) => unknown) | undefined>();
  });

  it('the composable pieces keep their shapes', () => {
    expectTypeOf(selectColumns(students, ['id'])).toEqualTypeOf<AsyncIterable<{ id: number }>>();
    expectTypeOf(formatDates([{ born: new Date(), id: 1 }], 'iso')).toEqualTypeOf<AsyncIterable<{ born: string; id: number }>>();
    expectTypeOf(fromCsv('a.csv')).toEqualTypeOf<AsyncIterable<Record<string, string>>>();
    expectTypeOf(exportToFile(toCsv([]), 'x.csv')).toEqualTypeOf<Promise<ExportSummary>>();
  });

  it('RowportError has a typed code, row and column', () => {
    const error = new RowportError('ROWPORT_ABORTED', 'x');
    expectTypeOf(error.code).toEqualTypeOf<RowportErrorCode>();
    expectTypeOf(error.row).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.column).toEqualTypeOf<string | undefined>();
  });
});
