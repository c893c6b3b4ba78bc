import type { Pool, RowDataPacket } from 'mysql2';
import type { StudentRow } from '../rows.js';

/**
 * Every student through mysql2 (MySQL, MariaDB): `query().stream()` reads rows as the server
 * sends them, with backpressure; the connection goes back to the pool when the export ends, fails
 * or is cancelled. Use the callback pool (`mysql2`), not `mysql2/promise`, for `.stream()`.
 * @example
 * toCsv(mysqlStudents(createPool({ host, user, database })));
 */
export async function* mysqlStudents(pool: Pool): AsyncGenerator<StudentRow> {
  const connection = await new Promise<import('mysql2').PoolConnection>((resolve, reject) =>
    pool.getConnection((error, c) => (error ? reject(error) : resolve(c))),
  );
  const stream = connection.query('SELECT id, name, score, joined FROM students ORDER BY id').stream({ highWaterMark: 500 });
  try {
    for await (const row of stream as AsyncIterable<RowDataPacket>) {
      yield { id: row.id as number, name: row.name as string, score: row.score as number, joined: row.joined as Date };
    }
  } finally {
    stream.destroy();
    connection.release();
  }
}
