// examples/queue: a job id that is one of BullMQ's own key names (`events`, `id`, `stalled-check`)
// reached Redis and answered 500; ids are now checked for the queue's shape first: 404 (#18).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { type JobHarness, startJobHarness } from '../examples/jobHarness.js';
import { haveRedis } from '../examples/services.js';

const enabled = haveRedis();
const STUDENT: Principal = { id: 'student-2', role: 'student', studentId: 2 };
const ADMIN: Principal = { id: 'admin', role: 'admin' };

describe.runIf(enabled)('examples/queue job ids', () => {
  let h: JobHarness;
  let base: string;
  beforeAll(async () => {
    h = await startJobHarness();
    ({ base } = await h.jobServer('ids', { worker: false }));
    // A real job exists, so BullMQ's keys (events, id, …) exist too.
    expect((await fetch(`${base}/exports/jobs`, { method: 'POST', headers: h.bearer(STUDENT), body: '{"kind":"student","studentId":2}' })).status).toBe(202);
  });
  afterAll(() => h?.close());

  it.each(['events', 'completed', 'id', 'stalled-check', 'meta', 'wait', 'a'.repeat(300)])(
    'answers the id %s with 404, for the owner and an admin alike',
    async (id) => {
      for (const principal of [STUDENT, ADMIN]) {
        for (const [method, path] of [
          ['GET', `/exports/jobs/${id}`],
          ['DELETE', `/exports/jobs/${id}`],
          ['GET', `/exports/jobs/${id}/download`],
        ] as const) {
          const reply = await fetch(`${base}${path}`, { method, headers: h.bearer(principal) });
          expect(reply.status, `${method} ${path.slice(0, 40)}`).toBe(404);
          expect(await reply.json()).toEqual({ error: { code: 'ANALYTICS_NOT_FOUND', message: expect.any(String) } });
        }
      }
    },
  );

  it('answers a signed-looking download of such an id with 403 or 404, never 500', async () => {
    const reply = await fetch(`${base}/exports/jobs/events/download?${h.auth.signLink('events')}`);
    expect(reply.status).toBe(404);
  });

  it('refuses such ids in the queue API itself, before Redis is asked', async () => {
    const { queue } = await h.jobServer('ids-api', { worker: false });
    await queue.close();
    await h.redis.stop().then(() => undefined); // Redis gone: only a check that does not touch it can answer
    await expect(queue.getExportStatus('events', ADMIN)).resolves.toMatchObject({ state: 'unknown' });
    await expect(queue.getExportFile('stalled-check', 'signed-link')).resolves.toBeUndefined();
    await expect(queue.cancelExport('id', ADMIN)).resolves.toBe(false);
  });
});
