// examples/auth: `createTokenAuth().authenticate` matched the scheme as the exact text `Bearer `,
// so a valid token sent as `Authorization: bearer <token>` or `BEARER <token>` (the scheme is
// case-insensitive, RFC 7235 §2.1) or after two spaces (RFC 6750: `"Bearer" 1*SP b64token`) was
// a 401. Those are accepted now; anything else still is a 401.
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { createExportServer } from '../../examples/http/server.js';
import { listen } from '../examples/httpClient.js';

const auth = createTokenAuth({ secret: 'a test secret of at least thirty-two bytes' });
const token = auth.issue({ id: 'student-2', role: 'student', studentId: 2 });
let db: Awaited<ReturnType<typeof createSampleDatabase>>;
let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  db = await createSampleDatabase({ scale: 0.05 });
  server = await listen(createExportServer(new AnalyticsService(db), { authenticate: auth.authenticate, onError: () => undefined }));
});
afterAll(async () => {
  await server.stop();
  await db.close();
});

/** The status of a download with this Authorization header, sent as is (fetch would not send every form). */
const status = (authorization: string) =>
  new Promise<number | undefined>((resolve, reject) => {
    request(`${server.base}/exports/students/2.csv`, { headers: { authorization } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    })
      .on('error', reject)
      .end();
  });

it.each([
  ['Bearer <token>', `Bearer ${token}`],
  ['bearer <token>', `bearer ${token}`],
  ['BEARER <token>', `BEARER ${token}`],
  ['Bearer, two spaces, <token>', `Bearer  ${token}`],
])('accepts %s', async (_, header) => {
  expect(await status(header)).toBe(200);
});

it.each([
  ['Bearer, a TAB, <token>', `Bearer\t${token}`],
  ['Bearer<token>', `Bearer${token}`],
  ['Basic <token>', `Basic ${token}`],
  ['Bearer <token>x', `Bearer ${token}x`],
  ['Bearer <token> <token>', `Bearer ${token} ${token}`],
  ['Bearer', 'Bearer'],
])('refuses %s', async (_, header) => {
  expect(await status(header)).toBe(401);
});
