// `toWorkbook(sheets)` refused at compile time an array of sheets of different row types built before
// the call (`const sheets = [defineSheet(students…), defineSheet(classes…)]`, or with a sheet added
// only sometimes): TypeScript types such an array `(SheetSpec<A> | SheetSpec<B>)[]`, and toWorkbook
// asked for `SheetSpec<A | B>[]`, which no sheet is (each `value(row)` takes only its own rows). Only
// an array literal written in the call compiled. The type check is `npx tsc --noEmit -p .` (this file
// is in the project); the test below runs the same calls.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type SheetSpec, defineSheet, toWorkbook } from '../../src/index.js';
import { toWorkbook as webToWorkbook } from '../../src/web/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

interface Student {
  name: string;
  score: number;
}
type Row = { kind: 'a'; x: number } | { kind: 'b'; y: string };
const students: Student[] = [{ name: 'Ada', score: 92 }];
const classes = [{ code: 'S1', total: 180, count: 2 }];
const mixed: Row[] = [{ kind: 'a', x: 1 }];

/** The sheets of a workbook built with or without its second sheet, as a report with options would. */
function sheetsOf(withClasses: boolean) {
  return [
    defineSheet({ name: 'Students', rows: students, columns: ['name', { key: 'pct', value: (s) => s.score / 100 }] }),
    ...(withClasses ? [defineSheet({ name: 'Classes', rows: classes, columns: ['code', { key: 'avg', value: (c) => c.total / c.count }] })] : []),
  ];
}

describe('toWorkbook of an array of sheets built before the call', () => {
  it('takes sheets of different row types', async () => {
    const sheets = [defineSheet({ name: 'Students', rows: students }), defineSheet({ name: 'Classes', rows: classes, columns: ['code'] })];
    const book = parts(await readAll(toWorkbook(sheets)));
    expect(book['xl/workbook.xml']).toContain('<sheet name="Classes" sheetId="2"');
    const some = parts(await readAll(toWorkbook(sheetsOf(true))));
    expect(some['xl/worksheets/sheet2.xml']).toContain('<v>90</v>');
    const web = await new Response(webToWorkbook(sheetsOf(false))).arrayBuffer();
    expect(parts(Buffer.from(web))['xl/workbook.xml']).toContain('<sheet name="Students" sheetId="1"');
  });

  it('still takes an array of sheets of one union row type, and types each value(row) by its own sheet', () => {
    const unionSheets: SheetSpec<Row>[] = [{ name: 'Mixed', rows: mixed }];
    expectTypeOf(toWorkbook(unionSheets).readable).toEqualTypeOf<boolean>();
    toWorkbook([{ name: 'Mixed', rows: mixed, columns: [{ key: 'k', value: (row) => row.kind }] }]);
    toWorkbook([
      { name: 'A', rows: students, columns: [{ key: 'n', value: (row) => row.name }] },
      // @ts-expect-error: a class row has no `name`
      { name: 'B', rows: classes, columns: [{ key: 'n', value: (row) => row.name }] },
    ]);
  });
});
