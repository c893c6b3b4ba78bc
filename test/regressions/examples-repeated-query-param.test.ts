// examples/http: a query parameter given twice was read differently by the two servers, and
// silently either way. The Express app (req.query makes an array of it) dropped it:
// `/exports/students/2.csv?from=2024-10-01&from=2024-10-01` exported every date, and
// `/exports/classes.csv?ids=1&ids=2` every class; the node:http server kept the first value only
// (`ids=1&ids=2` exported class 1). Both answer 400 naming the parameter now.
import { createServer } from 'node:http';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { createTokenAuth } from '../../examples/auth/tokens.js';
import { createExportApp } from '../../examples/http/app.js';
import { createExportServer } from '../../examples/http/server.js';
import { listen } from '../examples/httpClient.js';

const auth = createTokenAuth({ secret: 'a test secret of at least thirty-two bytes' });
const headers = (principal: Parameters<typeof auth.issue>[0]) => ({ authorization: `Bearer ${auth.issue(principal)}` });
const STUDENT = { id: 'student-2', role: 'student', studentId: 2 } as const;
const ADMIN = { id: 'admin', role: 'admin' } as const;
let db: Awaited<ReturnType<typeof createSampleDatabase>>;
beforeAll(async () => {
  db = await createSampleDatabase({ scale: 0.05 });
});
afterAll(() => db.close());

describe.each(['node:http', 'express'])('%s', (flavour) => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    const service = new AnalyticsService(db);
    const options = { authenticate: auth.authenticate, onError: () => undefined };
    server = await listen(flavour === 'express' ? createServer(createExportApp(service, options)) : createExportServer(service, options));
  });
  afterAll(() => server.stop());

  it.each([
    ['/exports/students/2.csv?from=2024-10-01&from=2024-10-01', STUDENT, 'from'],
    ['/exports/students/2.csv?columns=date&columns=subject', STUDENT, 'columns'],
    ['/exports/classes.csv?ids=1&ids=2', ADMIN, 'ids'],
    ['/exports/metrics.csv?limit=5&limit=500', ADMIN, 'limit'],
  ] as const)('answers %s with 400 naming the parameter', async (path, principal, name) => {
    const reply = await fetch(`${server.base}${path}`, { headers: headers(principal) });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toEqual({ error: { code: 'ANALYTICS_INVALID_OPTION', message: expect.stringContaining(`\`${name}\``) } });
  });

  it('still reads each parameter given once', async () => {
    const reply = await fetch(`${server.base}/exports/classes.csv?ids=1,2&columns=class_id&from=2024-10-01`, { headers: headers(ADMIN) });
    expect(reply.status).toBe(200);
    expect(parse(await reply.text(), { bom: true })).toEqual([['Class ID'], ['1'], ['2']]);
  });
});
