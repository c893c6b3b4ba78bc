import type pg from 'pg';
import type { School } from '../analytics/seed.js';
import { createCustomQueryRole } from './customQueryRole.js';

/**
 * The sample school in PostgreSQL's own types: `date` for calendar days, `timestamptz` for
 * instants, `numeric` for scores, `int8` ids on the metrics. The analytics service runs on it
 * unchanged (its SQL is portable).
 */
export const PG_SCHEMA = `
CREATE TABLE teachers (id integer PRIMARY KEY, name text NOT NULL, role text NOT NULL, locale text NOT NULL, email text NOT NULL);
CREATE TABLE classes (id integer PRIMARY KEY, name text NOT NULL, subject text NOT NULL, grade integer NOT NULL, teacher_id integer NOT NULL REFERENCES teachers(id));
CREATE TABLE students (id integer PRIMARY KEY, name text NOT NULL, locale text NOT NULL, grade integer NOT NULL, tutor_id integer REFERENCES teachers(id), enrolled_on date NOT NULL);
CREATE TABLE enrolments (student_id integer NOT NULL REFERENCES students(id), class_id integer NOT NULL REFERENCES classes(id), enrolled_on date NOT NULL, PRIMARY KEY (student_id, class_id));
CREATE TABLE metrics (id int8 PRIMARY KEY, student_id integer NOT NULL REFERENCES students(id), class_id integer NOT NULL REFERENCES classes(id),
  recorded_on date NOT NULL, week_start date NOT NULL, recorded_at timestamptz NOT NULL, attended integer NOT NULL, quiz_score numeric(4,1), minutes_spent integer NOT NULL);
CREATE INDEX metrics_student ON metrics (student_id, recorded_on);
CREATE INDEX metrics_class ON metrics (class_id, recorded_on);
`;

/** Creates the schema and loads the school, 1,000 rows per INSERT, in one transaction; then the custom-query role. */
export async function loadSchool(pool: pg.Pool, school: School): Promise<void> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => void (lost ??= error); // the server went away: the next query fails, not the process
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    await client.query(PG_SCHEMA);
    for (const [table, rows] of Object.entries({
      teachers: school.teachers,
      classes: school.classes,
      students: school.students,
      enrolments: school.enrolments,
      metrics: school.metrics,
    })) {
      const keys = Object.keys(rows[0] ?? {});
      for (let start = 0; start < rows.length; start += 1000) {
        const batch = rows.slice(start, start + 1000) as unknown as Record<string, unknown>[];
        const values: unknown[] = [];
        const placeholder = (value: unknown): string => `$${values.push(value ?? null)}`;
        const tuples = batch.map((row) => `(${keys.map((key) => placeholder(row[key])).join(', ')})`);
        await client.query(`INSERT INTO ${table} (${keys.join(', ')}) VALUES ${tuples.join(', ')}`, values);
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', onError);
    client.release(lost); // a failed client is discarded
  }
  await createCustomQueryRole(pool);
}
