// examples/analytics (sql.js): a custom query's `timeoutMs` counted the time its export waited for a
// slow reader, so a fast query downloaded slowly failed midway with "statement timeout". It now
// counts the database's own time, as PostgreSQL's statement_timeout does.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';

describe('a custom query read slowly', () => {
  it('is not cut by its timeout', async () => {
    const db = await createSampleDatabase({ scale: 0.3 });
    try {
      const service = new AnalyticsService(db, { customQuery: { timeoutMs: 300 } });
      const { stream } = await service.exportCustomQuery('SELECT id, quiz_score FROM metrics ORDER BY id', [], { format: 'csv' });
      const chunks: Buffer[] = [];
      const start = Date.now();
      for await (const chunk of stream) {
        chunks.push(chunk as Buffer);
        if (chunks.length <= 6) await new Promise((resolve) => setTimeout(resolve, 150)); // a slow client
      }
      expect(Date.now() - start).toBeGreaterThan(400); // longer than the timeout
      const rows = parse(Buffer.concat(chunks), { columns: true }) as { id: string }[];
      const [count] = await collect(db.query<{ n: number }>('SELECT COUNT(*) AS n FROM metrics'));
      expect(rows.length).toBe(count?.n);
    } finally {
      await db.close();
    }
  });
});

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}
