import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import type { Db, QueryOptions, Row, SqlParam } from './db.js';
import { type School, type SchoolOptions, generateSchool } from './seed.js';

/** A {@link Db} over a sql.js (SQLite in WebAssembly) database, with a count of open cursors. */
export interface SqlJsDb extends Db {
  readonly dialect: 'sqlite';
  /** The sql.js database, for setup and inspection. */
  readonly database: Database;
  /** Statements prepared by `query` and not yet freed; 0 when every cursor was closed. */
  readonly openCursors: number;
}

/**
 * Wraps a sql.js database. `query` prepares a statement when iteration starts and steps it one row
 * at a time (`Statement.step()`, never `.all()`); the statement is freed when the rows run out,
 * when the consumer stops early (`return()`), or on an error.
 *
 * `readOnly` turns on `PRAGMA query_only` while such a query runs (SQLite then refuses any write
 * with "attempt to write a readonly database"). `timeoutMs` counts the time spent stepping (not the
 * time the rows wait for their reader), checked between rows: sql.js runs a step synchronously in
 * WebAssembly and cannot be interrupted inside one, so a single step that takes long (a huge sort before the first row) is not cut short. PostgreSQL's `statement_timeout` is.
 */
export function sqlJsDb(database: Database): SqlJsDb {
  let open = 0;
  let readOnly = 0; // read-only queries in progress; query_only stays on while any runs
  const enterReadOnly = (on: boolean | undefined) => {
    if (on && readOnly++ === 0) database.run('PRAGMA query_only = 1');
  };
  const leaveReadOnly = (on: boolean | undefined) => {
    if (on && --readOnly === 0) database.run('PRAGMA query_only = 0');
  };
  return {
    dialect: 'sqlite',
    database,
    get openCursors() {
      return open;
    },
    query<T extends Row = Row>(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): AsyncIterable<T> {
      return {
        async *[Symbol.asyncIterator]() {
          enterReadOnly(options.readOnly);
          let statement: ReturnType<Database['prepare']>;
          try {
            statement = database.prepare(sql);
          } catch (error) {
            leaveReadOnly(options.readOnly);
            throw error;
          }
          open++;
          // The database's own time, as PostgreSQL's statement_timeout counts it: not the time this
          // generator waits at `yield` for a slow reader.
          const limit = options.timeoutMs ?? Infinity;
          let spent = 0;
          try {
            let since = Date.now();
            statement.bind(params.map(toSqlValue));
            const names = statement.getColumnNames(); // once, not per row as getAsObject() would
            while (statement.step()) {
              const values = statement.get();
              spent += Date.now() - since;
              if (spent > limit) throw new Error(`canceling statement due to statement timeout (${options.timeoutMs} ms)`);
              const row: Row = Object.create(null); // a column named `__proto__` is a field, not the prototype
              for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i];
              yield row as T;
              since = Date.now();
            }
          } finally {
            statement.free();
            open--;
            leaveReadOnly(options.readOnly);
          }
        },
      };
    },
    async columnsOf(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): Promise<string[]> {
      enterReadOnly(options.readOnly);
      try {
        const statement = database.prepare(sql);
        try {
          statement.bind(params.map(toSqlValue));
          return statement.getColumnNames();
        } finally {
          statement.free();
        }
      } finally {
        leaveReadOnly(options.readOnly);
      }
    },
    async close() {
      database.close();
    },
  };
}

/**
 * Builds the sample school database in memory: schema, then every table from {@link generateSchool}.
 * @example
 * const db = await createSampleDatabase({ scale: 0.05 });
 * for await (const row of db.query('SELECT name FROM students WHERE id = ?', [1])) console.log(row.name);
 */
export async function createSampleDatabase(options: SchoolOptions = {}): Promise<SqlJsDb & { school: School }> {
  const SQL = await initSqlJs();
  const database = new SQL.Database();
  const school = generateSchool(options);
  database.run(SQLITE_SCHEMA);
  database.run('BEGIN');
  insertAll(database, 'teachers', school.teachers);
  insertAll(database, 'classes', school.classes);
  insertAll(database, 'students', school.students);
  insertAll(database, 'enrolments', school.enrolments);
  insertAll(database, 'metrics', school.metrics);
  database.run('COMMIT');
  return Object.assign(sqlJsDb(database), { school });
}

/** The schema, in SQLite's types. Dates are `YYYY-MM-DD` text, instants ISO 8601 text in UTC. */
export const SQLITE_SCHEMA = `
CREATE TABLE teachers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, locale TEXT NOT NULL, email TEXT NOT NULL);
CREATE TABLE classes (id INTEGER PRIMARY KEY, name TEXT NOT NULL, subject TEXT NOT NULL, grade INTEGER NOT NULL, teacher_id INTEGER NOT NULL REFERENCES teachers(id));
CREATE TABLE students (id INTEGER PRIMARY KEY, name TEXT NOT NULL, locale TEXT NOT NULL, grade INTEGER NOT NULL, tutor_id INTEGER REFERENCES teachers(id), enrolled_on TEXT NOT NULL);
CREATE TABLE enrolments (student_id INTEGER NOT NULL REFERENCES students(id), class_id INTEGER NOT NULL REFERENCES classes(id), enrolled_on TEXT NOT NULL, PRIMARY KEY (student_id, class_id));
CREATE TABLE metrics (id INTEGER PRIMARY KEY, student_id INTEGER NOT NULL REFERENCES students(id), class_id INTEGER NOT NULL REFERENCES classes(id),
  recorded_on TEXT NOT NULL, week_start TEXT NOT NULL, recorded_at TEXT NOT NULL, attended INTEGER NOT NULL, quiz_score REAL, minutes_spent INTEGER NOT NULL);
CREATE INDEX metrics_student ON metrics (student_id, recorded_on);
CREATE INDEX metrics_class ON metrics (class_id, recorded_on);
`;

// --- internal ---

function toSqlValue(value: SqlParam): SqlValue {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  return value;
}

function insertAll(database: Database, table: string, rows: readonly object[]): void {
  const first = rows[0];
  if (first === undefined) return;
  const keys = Object.keys(first);
  const statement = database.prepare(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`);
  try {
    for (const row of rows) statement.run(keys.map((key) => (row as Record<string, SqlValue>)[key] ?? null));
  } finally {
    statement.free();
  }
}
