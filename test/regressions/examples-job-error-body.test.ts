// examples/queue: a failed job's `error` showed its (non-admin) owner the raw reason: server paths,
// `ENOSPC`, the database's host and port. Owners now see a code and a request id; the details go to the log (#18).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { createLocalStore } from '../../examples/queue/exportStore.js';
import { type JobHarness, startJobHarness } from '../examples/jobHarness.js';
import { haveRedis } from '../examples/services.js';
import { tempDir } from '../examples/support.js';

const enabled = haveRedis();
const STUDENT: Principal = { id: 'student-2', role: 'student', studentId: 2 };
const ADMIN: Principal = { id: 'admin', role: 'admin' };
const DISK_FULL = "ENOSPC: no space left on device, write '/var/lib/rowport/exports/.staging/4242/x.csv'";

describe.runIf(enabled)('examples/queue failed jobs', () => {
  let h: JobHarness;
  let folder: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    h = await startJobHarness();
    folder = await tempDir();
  });
  afterAll(async () => {
    await h?.close();
    await folder?.remove();
  });

  const poll = (base: string, jobId: string, principal: Principal) =>
    vi.waitFor(
      async () => {
        const reply = await fetch(`${base}/exports/jobs/${jobId}`, { headers: h.bearer(principal) });
        const text = await reply.text();
        if (!text.includes('"state":"failed"')) throw new Error(text);
        return text;
      },
      { timeout: 30_000, interval: 50 },
    );

  it('shows the owner only a code and a request id for a server-side failure; the log has the details under that id', async () => {
    const local = await createLocalStore(folder.dir);
    const full = { ...local, put: async () => Promise.reject(Object.assign(new Error(DISK_FULL), { code: 'ENOSPC' })) };
    const logged: { error: unknown; requestId: string }[] = [];
    const { base } = await h.jobServer('disk-full', { workerOptions: { store: full, onError: (error, requestId) => logged.push({ error, requestId }) } });
    const posted = await fetch(`${base}/exports/jobs`, { method: 'POST', headers: h.bearer(STUDENT), body: '{"kind":"student","studentId":2}' });
    const { jobId } = (await posted.json()) as { jobId: string };
    const text = await poll(base, jobId, STUDENT);
    const body = JSON.parse(text) as { error: string; requestId: string };
    expect(body).toMatchObject({ state: 'failed', error: 'EXPORT_FAILED', requestId: expect.stringContaining(jobId) });
    expect(text).not.toMatch(/ENOSPC|\/var\/lib|staging|no space/);
    expect(logged.map((l) => l.requestId)).toContain(body.requestId);
    expect(String((logged.find((l) => l.requestId === body.requestId)?.error as Error).message)).toContain('ENOSPC');
    // An admin (an operator) sees the reason itself.
    const admin = JSON.parse(await poll(base, jobId, ADMIN)) as { error: string; requestId: string };
    expect(admin).toMatchObject({ error: DISK_FULL, requestId: body.requestId });
  });

  it("shows the owner the code of a data error (rowport's or the service's), without its message", async () => {
    const { base } = await h.jobServer('data-error', { workerOptions: { onError: () => undefined } });
    const posted = await fetch(`${base}/exports/jobs`, {
      method: 'POST',
      headers: h.bearer(STUDENT),
      body: '{"kind":"student","studentId":2,"options":{"encoding":"ascii","columns":["date","student_name"]}}',
    });
    const { jobId } = (await posted.json()) as { jobId: string };
    const body = JSON.parse(await poll(base, jobId, STUDENT)) as Record<string, unknown>;
    expect(body).toMatchObject({ state: 'failed', error: 'ROWPORT_UNMAPPABLE_CHARACTER', requestId: expect.any(String) });
  });
});
