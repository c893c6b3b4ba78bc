// examples: the cache key ignored the principal's scope fields (a token with teacherId 2 got the
// cached report of teacherId 1), and a deleted student's token still worked and downloaded their old
// export. The cache and job ownership are keyed by the whole scope; tokens are looked up on each request (#18).
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Principal, currentPrincipal, scopeKey } from '../../examples/analytics/access.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { createExportServer } from '../../examples/http/server.js';
import { listen } from '../examples/httpClient.js';
import { type JobHarness, SECRET, startJobHarness } from '../examples/jobHarness.js';
import { haveRedis } from '../examples/services.js';

const ONE: Principal = { id: 'teacher-x', role: 'teacher', teacherId: 1 };
const TWO: Principal = { id: 'teacher-x', role: 'teacher', teacherId: 2 };

describe('scopeKey', () => {
  it('tells apart principals with the same id and role but other rows', () => {
    expect(scopeKey(ONE)).not.toBe(scopeKey(TWO));
    expect(scopeKey({ id: 's', role: 'student', studentId: 2 })).not.toBe(scopeKey({ id: 's', role: 'student', studentId: 3 }));
  });
});

describe('tokens of deleted principals (createTokenAuth({ lookup }))', () => {
  it('answers 401 from the moment the student is deleted, on the node:http server', async () => {
    const db = await createSampleDatabase({ scale: 0.05 });
    const service = new AnalyticsService(db);
    const auth = createTokenAuth({ secret: SECRET, lookup: (p) => currentPrincipal(service, p) });
    const server = await listen(createExportServer(service, { authenticate: auth.authenticate, onError: () => undefined }));
    try {
      const headers = { authorization: `Bearer ${auth.issue({ id: 'student-2', role: 'student', studentId: 2 })}` };
      expect((await fetch(`${server.base}/exports/students/2.csv`, { headers })).status).toBe(200);
      db.database.run('DELETE FROM students WHERE id = 2');
      const reply = await fetch(`${server.base}/exports/students/2.csv`, { headers });
      expect(reply.status).toBe(401);
      expect(await reply.json()).toMatchObject({ error: { code: 'ANALYTICS_UNAUTHENTICATED' } });
      // A teacher who is now a tutor, and a teacher id that never existed, are refused too.
      db.database.run("UPDATE teachers SET role = 'tutor' WHERE id = 1");
      for (const principal of [ONE, { id: 't', role: 'teacher', teacherId: 9999 } as Principal]) {
        const refused = await fetch(`${server.base}/exports/reports/teacher-weekly.csv`, { headers: { authorization: `Bearer ${auth.issue(principal)}` } });
        expect(refused.status).toBe(401);
      }
    } finally {
      await server.stop();
      await db.close();
    }
  });
});

describe.runIf(haveRedis())('background exports', () => {
  let h: JobHarness;
  beforeAll(async () => {
    h = await startJobHarness();
  });
  afterAll(() => h?.close());

  const completed = (base: string, jobId: string, principal: Principal) =>
    vi.waitFor(
      async () => {
        const body = (await (await fetch(`${base}/exports/jobs/${jobId}`, { headers: h.bearer(principal) })).json()) as { state: string; downloadUrl?: string };
        if (body.state !== 'completed') throw new Error(body.state);
        return body;
      },
      { timeout: 30_000, interval: 50 },
    );

  it('never hands a token with teacherId 2 the cached report of teacherId 1, nor that job', async () => {
    const { base } = await h.jobServer('teacher-scope');
    const post = async (principal: Principal) =>
      (
        (await (
          await fetch(`${base}/exports/jobs`, { method: 'POST', headers: h.bearer(principal), body: '{"kind":"report","report":"teacher-weekly"}' })
        ).json()) as { jobId: string }
      ).jobId;
    const first = await post(ONE);
    await completed(base, first, ONE);
    const second = await post(TWO);
    expect(second).not.toBe(first);
    expect((await fetch(`${base}/exports/jobs/${first}`, { headers: h.bearer(TWO) })).status).toBe(404);
    const { downloadUrl } = await completed(base, second, TWO);
    const rows = parse(await (await fetch(`${base}${downloadUrl}`)).text(), { bom: true, columns: true }) as Record<string, string>[];
    const name = h.db.school.teachers.find((t) => t.id === 2)?.name;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.Teacher))).toEqual(new Set([name]));
  });

  it("refuses a deleted student's token on the job routes: no status, no download of the old export", async () => {
    const db = await createSampleDatabase({ scale: 0.05 });
    const service = new AnalyticsService(db);
    const auth = createTokenAuth({ secret: SECRET, lookup: (p) => currentPrincipal(service, p) });
    const { base } = await h.jobServer('deleted', { server: { authenticate: auth.authenticate, links: auth } });
    const student: Principal = { id: 'student-4', role: 'student', studentId: 4 };
    const headers = { authorization: `Bearer ${auth.issue(student)}` };
    const { jobId } = (await (await fetch(`${base}/exports/jobs`, { method: 'POST', headers, body: '{"kind":"student","studentId":4}' })).json()) as {
      jobId: string;
    };
    await vi.waitFor(
      async () => expect(((await (await fetch(`${base}/exports/jobs/${jobId}`, { headers })).json()) as { state: string }).state).toBe('completed'),
      { timeout: 30_000, interval: 50 },
    );
    db.database.run('DELETE FROM students WHERE id = 4');
    for (const path of [`/exports/jobs/${jobId}`, `/exports/jobs/${jobId}/download`]) {
      const reply = await fetch(`${base}${path}`, { headers });
      expect(reply.status).toBe(401);
      expect(await reply.json()).toMatchObject({ error: { code: 'ANALYTICS_UNAUTHENTICATED' } });
    }
    await db.close();
  });
});
