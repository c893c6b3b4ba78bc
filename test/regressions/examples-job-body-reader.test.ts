// examples/queue: the job routes' body reader decoded each chunk alone (a character split across TCP
// writes was lost: "Отчёт" became "тчёт"), counted characters rather than bytes (a 120 KB body passed
// the 64 KiB cap), had no timeout (slow bodies held for minutes), and deep JSON overflowed into a 500 (#18).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { type JobHarness, startJobHarness } from '../examples/jobHarness.js';
import { haveRedis } from '../examples/services.js';

const ADMIN: Principal = { id: 'admin', role: 'admin' };
const STUDENT: Principal = { id: 'student-2', role: 'student', studentId: 2 };

/** POSTs `parts` as separate writes, `gapMs` apart (no Content-Length: chunked); resolves with the answer, or 'closed'. */
function postInParts(
  url: string,
  headers: Record<string, string>,
  parts: Buffer[],
  gapMs = 50,
  end = true,
): Promise<{ status: number; body: string } | 'closed'> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => (body += c))
        .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve('closed'));
    void (async () => {
      for (const part of parts) {
        req.write(part);
        await new Promise((r) => setTimeout(r, gapMs));
      }
      if (end) req.end();
    })();
  });
}

describe.runIf(haveRedis())('examples/queue POST /exports/jobs body', () => {
  let h: JobHarness;
  let base: string;
  beforeAll(async () => {
    h = await startJobHarness();
    ({ base } = await h.jobServer('body', { server: { bodyTimeoutMs: 500 } }));
  });
  afterAll(() => h?.close());
  const post = (body: string, principal = ADMIN) => fetch(`${base}/exports/jobs`, { method: 'POST', headers: h.bearer(principal), body });

  it('keeps a character split across two TCP writes whole', async () => {
    const bytes = Buffer.from('{"kind":"query","sql":"SELECT 1 AS n","options":{"name":"Отчёт"}}');
    const at = bytes.indexOf(Buffer.from('Отчёт')) + 1; // inside the two bytes of "О"
    const reply = await postInParts(`${base}/exports/jobs`, h.bearer(ADMIN), [bytes.subarray(0, at), bytes.subarray(at)]);
    expect(reply).toMatchObject({ status: 202 });
    const { jobId } = JSON.parse((reply as { body: string }).body) as { jobId: string };
    const status = await vi.waitFor(
      async () => {
        const body = (await (await fetch(`${base}/exports/jobs/${jobId}`, { headers: h.bearer(ADMIN) })).json()) as { state: string; fileName?: string };
        if (body.state !== 'completed') throw new Error(body.state);
        return body;
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(status.fileName?.startsWith('Отчёт_')).toBe(true);
  });

  it('counts bytes: 40,000 two-byte characters (80 KB in fewer than 64k characters) are 413', async () => {
    const body = JSON.stringify({ kind: 'student', studentId: 2, options: { columns: ['Ж'.repeat(40_000)] } }); // 80 KB in 40k characters
    expect(body.length).toBeLessThan(64 * 1024);
    for (const reply of [await post(body, STUDENT), await postInParts(`${base}/exports/jobs`, h.bearer(STUDENT), [Buffer.from(body)])]) {
      const status = reply instanceof Response ? reply.status : reply === 'closed' ? 0 : reply.status;
      expect(status).toBe(413);
      const text = reply instanceof Response ? await reply.text() : (reply as { body: string }).body;
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'ANALYTICS_PAYLOAD_TOO_LARGE' } });
    }
  });

  it('answers 10 bodies that never finish with 408 after the body timeout, and closes them', async () => {
    const started = Date.now();
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => postInParts(`${base}/exports/jobs`, h.bearer(STUDENT), [Buffer.from('{"kind":"stu')], 10, false)),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const reply of replies) {
      expect(reply).toMatchObject({ status: 408 });
      expect(JSON.parse((reply as { body: string }).body)).toMatchObject({ error: { code: 'ANALYTICS_REQUEST_TIMEOUT' } });
    }
  });

  it('answers JSON nested 5,000 deep with 400, not a 500', async () => {
    const deep = `{"kind":"student","studentId":2,"options":{"columns":${'['.repeat(5_000)}${']'.repeat(5_000)}}}`;
    const reply = await post(deep, STUDENT);
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({ error: { code: 'ANALYTICS_INVALID_OPTION', message: expect.stringContaining('nested') } });
  });

  it('answers bytes that are not UTF-8 with 400', async () => {
    const reply = await postInParts(`${base}/exports/jobs`, h.bearer(STUDENT), [
      Buffer.from('{"kind":"student","studentId":2,"x":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    expect(reply).toMatchObject({ status: 400 });
  });
});
