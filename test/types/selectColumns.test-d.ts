import { describe, expectTypeOf, it } from 'vitest';
import { type ColumnSpec, selectColumns } from '../../src/index.js';

interface Student {
  id: number;
  name: string;
  born: Date;
  student: { name: string };
}
declare const students: AsyncIterable<Student>;

describe('selectColumns types', () => {
  it('keys the output by each literal header, with the property type', () => {
    expectTypeOf(selectColumns(students, ['id', 'name'])).toEqualTypeOf<AsyncIterable<{ id: number; name: string }>>();
  });

  it('renames by header, keeps the source type, and types a computed column by its result', () => {
    const rows = selectColumns(students, [
      { key: 'id', header: 'Student ID' },
      { key: 'pct', value: (row) => row.id / 100 },
      { key: 'born', type: 'date' },
    ]);
    expectTypeOf(rows).toEqualTypeOf<AsyncIterable<{ 'Student ID': number; pct: number; born: Date }>>();
  });

  it('gives unknown for a dot path or a key the row type lacks', () => {
    expectTypeOf(selectColumns(students, ['student.name'])).toEqualTypeOf<AsyncIterable<{ 'student.name': unknown }>>();
  });

  it('falls back to Record<string, unknown> when the columns are not literals', () => {
    const columns: ColumnSpec<Student>[] = ['id'];
    expectTypeOf(selectColumns(students, columns)).toEqualTypeOf<AsyncIterable<Record<string, unknown>>>();
  });

  it('still checks computed columns against the row type', () => {
    // @ts-expect-error the row has no `age`
    selectColumns(students, [{ key: 'x', value: (row) => row.age }]);
  });
});
