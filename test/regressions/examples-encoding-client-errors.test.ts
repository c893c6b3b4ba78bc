// examples/http: a client's `encoding` went raw into the response's `Content-Type` charset, so
// `?encoding=%0Autf-8` (a label rowport accepts, trimmed) made `writeHead` throw: a 500, and for a
// job's download one open file descriptor a request until the process died of EMFILE. A
// character the client's chosen encoding cannot hold was a 500 too, and an object store refusing
// connections a 500 where the database's outage is a 503.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RowportError } from 'rowport';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { errorResponse } from '../../examples/http/sendExport.js';
import { createExportServer } from '../../examples/http/server.js';

const auth = createTokenAuth({ secret: 'a test secret of at least thirty-two bytes' });
let close: () => Promise<void>;
let base: string;
const logged: unknown[] = [];

beforeAll(async () => {
  const db = await createSampleDatabase({ scale: 0.05 });
  const server = createExportServer(new AnalyticsService(db), { authenticate: auth.authenticate, onError: (e) => void logged.push(e) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  close = async () => {
    await new Promise((r) => server.close(r));
    await db.close();
  };
});
afterAll(() => close?.());

const student = () => ({ authorization: `Bearer ${auth.issue({ id: 'student-2', role: 'student', studentId: 2 })}` });
const admin = () => ({ authorization: `Bearer ${auth.issue({ id: 'admin', role: 'admin' })}` });

it.each(['%0Autf-8', 'utf-8%0D', 'utf-8%3B%20x%3Dy'])('encoding=%s is a 400, not a header', async (encoding) => {
  const reply = await fetch(`${base}/exports/students/2.csv?encoding=${encoding}`, { headers: student() });
  expect(reply.status).toBe(400);
  expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('ANALYTICS_INVALID_OPTION');
});

it('a character the chosen encoding cannot hold is a 400 naming it', async () => {
  const reply = await fetch(`${base}/exports/classes.csv?encoding=ascii`, { headers: admin() });
  expect(reply.status).toBe(400);
  const body = (await reply.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('ROWPORT_UNMAPPABLE_CHARACTER');
  expect(logged).toEqual([]);
});

it('a store refusing connections is a 503 with no internals', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4569'), { code: 'ECONNREFUSED' });
  const answer = errorResponse(refused, 'r1');
  expect(answer.status).toBe(503);
  expect(JSON.stringify(answer.body)).not.toContain('4569');
  expect(errorResponse(new RowportError('ROWPORT_INVALID_OPTION', 'x'), 'r2').status).toBe(400);
});
