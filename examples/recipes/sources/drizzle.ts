import { asc, gt } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { integer, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import type { StudentRow } from '../rows.js';
import { keysetPages } from './paginate.js';

/** The `students` table, as Drizzle declares it. */
export const students = pgTable('students', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  score: real('score').notNull(),
  joined: timestamp('joined', { withTimezone: true }).notNull(),
});

/**
 * Every student through Drizzle (node-postgres), a keyset page at a time: Drizzle has no cursor.
 * @example
 * toXlsx(drizzleStudents(drizzle(pool)));
 */
export function drizzleStudents(db: NodePgDatabase, pageSize = 1000): AsyncGenerator<StudentRow> {
  return keysetPages<StudentRow, number>(
    (after, size) =>
      db
        .select()
        .from(students)
        .where(after === undefined ? undefined : gt(students.id, after))
        .orderBy(asc(students.id))
        .limit(size),
    (row) => row.id,
    pageSize,
  );
}
