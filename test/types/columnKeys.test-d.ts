// `columns: ['nmae']` on rows typed `{ name: string }` compiled, and wrote an empty column (#22).
// Column keys are now typed against the rows where their type is known: a top-level key or a dot
// path into nested objects; a computed column (`value`) takes any key. Untyped rows take any string.
import { describe, expectTypeOf, it } from 'vitest';
import { type ColumnKey, type ColumnSpec, type SheetSpec, defineSheet, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';

interface Student {
  id: number;
  name: string;
  born: Date;
  address: { city: string; geo: { lat: number } };
  tags: string[];
}
declare const students: Student[];

describe('typed column keys', () => {
  it('are the keys and dot paths of the row', () => {
    expectTypeOf<ColumnKey<Student>>().toEqualTypeOf<'id' | 'name' | 'born' | 'address' | 'tags' | 'address.city' | 'address.geo' | 'address.geo.lat'>();
  });

  it('refuse a typo in toCsv, toXlsx and selectColumns', () => {
    toCsv(students, { columns: ['name', 'address.city', { key: 'id', header: 'ID' }] });
    toXlsx(students, { columns: ['address.geo.lat', { key: 'score', formula: 'B{r}*2' }] }); // a formula column computes its cells
    // @ts-expect-error: 'nmae' is not a key of Student
    toCsv(students, { columns: ['nmae'] });
    // @ts-expect-error: a typo in an object column
    toCsv(students, { columns: [{ key: 'nmae', header: 'Name' }] });
    // @ts-expect-error: a typo in a dot path
    toXlsx(students, { columns: ['address.cty'] });
    // @ts-expect-error: a typo in an XLSX column object
    toXlsx(students, { columns: [{ key: 'nmae', style: { bold: true } }] });
    // A plain object sheet of toWorkbook is checked at run time (ROWPORT_UNKNOWN_COLUMN); defineSheet
    // checks its keys at compile time, sheet by sheet, each against its own rows.
    toWorkbook([{ name: 'S', rows: students, columns: ['name', { key: 'born', type: 'date' }] }]);
    toWorkbook([
      defineSheet({ name: 'S', rows: students, columns: ['name', 'address.geo.lat', { key: 'born', type: 'date' }] }),
      defineSheet({ name: 'T', rows: [{ code: 'S1', count: 2 }], columns: ['code', { key: 'half', value: (row) => row.count / 2 }] }),
    ]);
    // @ts-expect-error: a typo in a sheet of defineSheet
    defineSheet({ name: 'S', rows: students, columns: ['nmae'] });
    // @ts-expect-error: a typo in an object column of defineSheet
    defineSheet({ name: 'S', rows: students, columns: [{ key: 'address.cty', width: 10 }] });
    // @ts-expect-error: value() sees the sheet's own row type
    defineSheet({ name: 'T', rows: [{ code: 'S1' }], columns: [{ key: 'x', value: (row) => row.cdoe }] });
    const built: string[] = ['name'];
    defineSheet({ name: 'S', rows: students, columns: built }); // keys typed string: built at run time, not checked
    expectTypeOf(defineSheet({ name: 'S', rows: students })).toEqualTypeOf<SheetSpec<Student>>();
    // @ts-expect-error: a typo in selectColumns
    selectColumns(students, ['nmae']);
    const sheet: SheetSpec<Student> = { name: 'S', rows: students, columns: ['id'] };
    expectTypeOf(sheet.name).toEqualTypeOf<string>();
  });

  it('let a computed column have any key', () => {
    toCsv(students, { columns: [{ key: 'label', value: (row) => `${row.name} (${row.id})` }] });
    toXlsx(students, { columns: [{ key: 'age', value: (row) => 2024 - row.born.getUTCFullYear(), type: 'integer' }] });
    expectTypeOf(selectColumns(students, [{ key: 'pct', value: (row) => row.id / 100 }])).toEqualTypeOf<AsyncIterable<{ pct: number }>>();
  });

  it('take any string for untyped rows, arrays and any', () => {
    const loose: Record<string, unknown>[] = [];
    toCsv(loose, { columns: ['anything', 'a.b'] });
    toXlsx([['a', 1]] as unknown[][], { columns: ['0', '1'] });
    toCsv([] as any[], { columns: ['whatever'] });
    const keys: string[] = ['x'];
    toCsv(loose, { columns: keys });
    toCsv(students, { columns: keys }); // keys typed string (built at run time) are not checked
    const built = [{ key: 'name', header: 'Name' }]; // widened to { key: string; header: string }[]
    toXlsx(students, { columns: built });
    const specs: ColumnSpec[] = ['x', { key: 'y' }];
    toCsv(loose, { columns: specs });
    expectTypeOf<ColumnKey<Record<string, unknown>>>().toEqualTypeOf<string>();
    expectTypeOf<ColumnKey<unknown[]>>().toEqualTypeOf<string>();
  });
});
