import { type DataSource, EntitySchema } from 'typeorm';
import type { StudentRow } from '../rows.js';

/** The `students` table as a TypeORM entity (a schema object: no decorators needed). */
export const Student = new EntitySchema<StudentRow>({
  name: 'Student',
  tableName: 'students',
  columns: {
    id: { type: Number, primary: true },
    name: { type: String },
    score: { type: 'real' },
    joined: { type: 'timestamptz' },
  },
});

/**
 * Every student through TypeORM's `QueryBuilder.stream()` (a pg-query-stream cursor on
 * PostgreSQL). The stream yields raw rows, named `alias_column`: they are mapped back here.
 * @example
 * toXlsx(typeormStudents(dataSource));
 */
export async function* typeormStudents(source: DataSource): AsyncGenerator<StudentRow> {
  const stream = await source.getRepository(Student).createQueryBuilder('s').orderBy('s.id').stream();
  try {
    for await (const raw of stream as AsyncIterable<Record<string, unknown>>) {
      yield { id: raw.s_id as number, name: raw.s_name as string, score: raw.s_score as number, joined: raw.s_joined as Date };
    }
  } finally {
    stream.destroy(); // an export stopped early closes the cursor
  }
}
