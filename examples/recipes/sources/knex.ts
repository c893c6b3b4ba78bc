import type { Knex } from 'knex';
import type { StudentRow } from '../rows.js';

/**
 * Every student through Knex's `.stream()` (a cursor on PostgreSQL with pg-query-stream, a
 * streaming query on MySQL): an object-mode Readable, which rowport reads with backpressure and
 * destroys (closing the cursor) when the export stops early.
 * @example
 * toCsv(knexStudents(knex({ client: 'pg', connection })));
 */
export function knexStudents(db: Knex): AsyncIterable<StudentRow> {
  return db<StudentRow>('students').select('id', 'name', 'score', 'joined').orderBy('id').stream();
}
