// examples/http POST /exports/jobs: a field or option the spec's kind does not have was dropped
// without a word, so a misspelt one exported something other than asked, and said so nowhere:
// `{"kind":"student","studentId":2,"options":{"form":"2024-10-01"}}` (or `"option": {…}`) was
// 202, then a completed file of every date. It is a 400 naming the key now, and nothing is queued.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { type JobHarness, startJobHarness } from '../examples/jobHarness.js';
import { haveRedis } from '../examples/services.js';

const STUDENT: Principal = { id: 'student-2', role: 'student', studentId: 2 };
const ADMIN: Principal = { id: 'admin', role: 'admin' };

describe.runIf(haveRedis())('examples/queue: the keys of a posted spec', () => {
  let h: JobHarness;
  let base: string;
  beforeAll(async () => {
    h = await startJobHarness();
    ({ base } = await h.jobServer('keys', { worker: false }));
  });
  afterAll(() => h?.close());
  const post = (spec: unknown, principal = STUDENT) =>
    fetch(`${base}/exports/jobs`, { method: 'POST', headers: h.bearer(principal), body: JSON.stringify(spec) });

  it.each([
    ['a misspelt option', { kind: 'student', studentId: 2, options: { form: '2024-10-01' } }, 'form'],
    ['a misspelt field', { kind: 'student', studentId: 2, option: { from: '2024-10-01' } }, 'option'],
    ["another kind's field", { kind: 'student', studentId: 2, classIds: [1] }, 'classIds'],
    ['an option of custom queries only', { kind: 'student', studentId: 2, options: { name: 'mine' } }, 'name'],
    ['options that are no object', { kind: 'student', studentId: 2, options: 'xlsx' }, 'options'],
  ])('answers %s with 400 naming it, queuing nothing', async (_, spec, key) => {
    const reply = await post(spec);
    expect(reply.status).toBe(400);
    expect(await reply.json()).toEqual({ error: { code: 'ANALYTICS_INVALID_OPTION', message: expect.stringContaining(`\`${key}\``) } });
    const connection = new Redis(h.redis.url);
    const queue = new Queue('keys', { connection });
    try {
      expect(await queue.getJobCounts()).toMatchObject({ waiting: 0, active: 0 });
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('still takes every field and option each kind has', async () => {
    const options = {
      format: 'csv',
      columns: ['date'],
      dateFormat: 'eu',
      timeZone: 'UTC',
      from: '2024-09-01',
      to: '2024-12-31',
      delimiter: ';',
      encoding: 'utf-8',
      unmappable: 'replace',
      gzip: false,
    };
    expect((await post({ kind: 'student', studentId: 2, options: { ...options, dialect: 'excel-eu', count: false } })).status).toBe(202);
    for (const spec of [
      { kind: 'classes', classIds: [1], options: { ...options, columns: ['class_id'] } },
      { kind: 'report', report: 'student', options: { format: 'xlsx' } },
      { kind: 'query', sql: 'SELECT ? AS one', params: [1], options: { name: 'one', types: { one: 'integer' } } },
      { kind: 'comprehensive', options: { format: 'xlsx', from: '2024-09-01', sheetFeatures: {}, columnFeatures: {} } },
    ])
      expect((await post(spec, { ...ADMIN, id: `admin-${spec.kind}` })).status, spec.kind).toBe(202); // one admin each: 3 running at most
  });
});
