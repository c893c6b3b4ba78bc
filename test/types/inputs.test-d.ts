import { describe, expectTypeOf, it } from 'vitest';
import { type ProtectAllow, type Validation, toWorkbook, toXlsx } from '../../src/index.js';

interface Student {
  name: string;
  late: number;
}
const students: Student[] = [{ name: 'Ada', late: 2 }];

describe('validation, notes and protection options', () => {
  it('types cellNote by the rows', () => {
    toXlsx(students, { cellNote: (row, index) => (row.late > index ? { late: `${row.late} days` } : undefined) });
    // @ts-expect-error not a property of Student
    toXlsx(students, { cellNote: (row) => (row.absent ? { late: 'x' } : undefined) });
    toWorkbook([{ name: 'A', rows: students, cellNote: (row) => ({ name: row.name }) }]);
  });
  it('takes column rules, notes and locked on XLSX columns', () => {
    const rule: Validation = { type: 'whole', min: 0, max: 20, error: { message: 'm', style: 'warning' } };
    toXlsx(students, {
      protect: { password: 'p', allow: ['sort'] },
      columns: [
        { key: 'name', note: 'n', locked: false, validation: { list: ['a'] } },
        { key: 'late', validation: rule },
      ],
    });
    // @ts-expect-error not an action of sheet protection
    toXlsx(students, { protect: { allow: ['filter'] } });
    // @ts-expect-error a list rule has no type
    const bad: Validation = { type: 'list', min: 1 };
    expectTypeOf<ProtectAllow>().toExtend<string>();
    void bad;
  });
});
