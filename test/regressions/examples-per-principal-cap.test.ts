// examples: a burst of 20 job submissions could admit none (each claim counted the others' claims),
// and direct downloads had no cap at all (30 GETs by one student ran at once). A burst now admits
// exactly the places left, and direct downloads hold one of 3 places per principal (#18).
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import type { Db, Row } from '../../examples/analytics/db.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { createExportApp } from '../../examples/http/app.js';
import { createExportServer } from '../../examples/http/server.js';
import { listen } from '../examples/httpClient.js';
import { type JobHarness, SECRET, startJobHarness } from '../examples/jobHarness.js';
import { haveRedis } from '../examples/services.js';

const STUDENT: Principal = { id: 'student-2', role: 'student', studentId: 2 };
const auth = createTokenAuth({ secret: SECRET });
const bearer = (principal: Principal) => ({ authorization: `Bearer ${auth.issue(principal)}` });

/** The database, with the rows of one student's lessons held back until `open()`. */
function gated(inner: Db): { db: Db; open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const db: Db = {
    ...inner,
    dialect: inner.dialect,
    columnsOf: (sql, params, options) => inner.columnsOf(sql, params, options),
    close: () => inner.close(),
    query: <T extends Row = Row>(sql: string, params?: readonly unknown[], options?: object) => {
      const rows = inner.query<T>(sql, params as never, options);
      if (!sql.includes('ORDER BY m.recorded_on')) return rows;
      return {
        async *[Symbol.asyncIterator]() {
          await gate;
          yield* rows;
        },
      };
    },
  };
  return { db, open };
}

describe.each([
  ['node:http server', createExportServer],
  ['Express 5 app', (service: AnalyticsService, options: Parameters<typeof createExportServer>[1]) => createServer(createExportApp(service, options))],
] as const)('direct downloads, %s', (_, make) => {
  let lite: Awaited<ReturnType<typeof createSampleDatabase>>;
  beforeAll(async () => {
    lite = await createSampleDatabase({ scale: 0.05 });
  });
  afterAll(() => lite?.close());

  it('runs at most 3 at once per principal: of 30 GETs, 3 run and 27 are 429 with Retry-After; others are not held back', async () => {
    const { db, open } = gated(lite);
    const server = await listen(make(new AnalyticsService(db), { authenticate: auth.authenticate, onError: () => undefined }));
    try {
      const replies = Array.from({ length: 30 }, () => fetch(`${server.base}/exports/students/2.csv`, { headers: bearer(STUDENT) }));
      // The 3 that run wait at the gate for their rows; the 27 refused answer without waiting for anything.
      const early: Response[] = [];
      for (const reply of replies) void reply.then((response) => early.push(response));
      await expect.poll(() => early.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(27);
      expect(early).toHaveLength(27);
      for (const reply of early) {
        expect(reply.status).toBe(429);
        expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await reply.json()).toMatchObject({ error: { code: 'ANALYTICS_TOO_MANY_EXPORTS' } });
      }
      const other = fetch(`${server.base}/exports/students/3.csv`, { headers: bearer({ id: 'student-3', role: 'student', studentId: 3 }) });
      open();
      expect((await Promise.all(replies)).filter((r) => r.status === 200)).toHaveLength(3);
      expect((await other).status).toBe(200);
      for (const reply of await Promise.all(replies)) if (reply.status === 200) await reply.arrayBuffer();
      // The places are given back when the responses end.
      expect((await fetch(`${server.base}/exports/students/2.csv`, { headers: bearer(STUDENT) })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe.runIf(haveRedis())('background exports', () => {
  let h: JobHarness;
  beforeAll(async () => {
    h = await startJobHarness();
  });
  afterAll(() => h?.close());

  it('admits exactly 3 of a burst of 20 submissions by one principal, and refuses the rest with 429', async () => {
    const { base } = await h.jobServer('burst', { worker: false });
    const formats = [
      'iso',
      'us',
      'eu',
      'full',
      'yyyy',
      'yy',
      'MM',
      'dd',
      'yyyy-MM',
      'MM-dd',
      'dd.MM',
      'MM/yyyy',
      'yyyyMMdd',
      'd',
      'M',
      'yyyy/MM',
      'dd/MM',
      'MMM',
      'yyyy MM',
      'dd MM',
    ];
    const replies = await Promise.all(
      formats.map((dateFormat) =>
        fetch(`${base}/exports/jobs`, {
          method: 'POST',
          headers: h.bearer(STUDENT),
          body: JSON.stringify({ kind: 'student', studentId: 2, options: { dateFormat } }),
        }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([...Array(3).fill(202), ...Array(17).fill(429)]);
  });
});
