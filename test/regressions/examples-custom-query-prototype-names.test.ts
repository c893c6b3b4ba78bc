// examples/analytics: a custom query whose columns are named like Object.prototype members
// (`constructor`, `toString`) failed with "Invalid option `columns[0].type` … got a function": the
// column types were looked up through the prototype. Only the types given are used now.
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { readAll } from '../helpers/streams.js';

it('exports columns named constructor, toString and __proto__', async () => {
  const db = await createSampleDatabase({ scale: 0.05 });
  try {
    const service = new AnalyticsService(db);
    const sql = 'SELECT 1 AS "constructor", 2 AS "toString", 3 AS "hasOwnProperty", 4 AS "__proto__"';
    const { stream } = await service.exportCustomQuery(sql, [], { format: 'csv', types: { toString: 'integer' as const } });
    expect(parse(await readAll(stream), { bom: true })).toEqual([
      ['constructor', 'toString', 'hasOwnProperty', '__proto__'],
      ['1', '2', '3', '4'],
    ]);
  } finally {
    await db.close();
  }
});
