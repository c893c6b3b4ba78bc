import type { Pool } from 'pg';
import QueryStream from 'pg-query-stream';
import type { StudentRow } from '../rows.js';

/**
 * Every student through node-postgres and `pg-query-stream` (a server-side cursor read 500 rows at
 * a time). The client goes back to the pool when the export ends, fails or is cancelled.
 * @example
 * toCsv(pgStudents(new Pool({ connectionString })));
 */
export async function* pgStudents(pool: Pool): AsyncGenerator<StudentRow> {
  const client = await pool.connect();
  const stream = client.query(new QueryStream('SELECT id, name, score, joined FROM students ORDER BY id', [], { batchSize: 500 }));
  try {
    yield* stream as AsyncIterable<StudentRow>;
  } finally {
    stream.destroy();
    client.release();
  }
}
