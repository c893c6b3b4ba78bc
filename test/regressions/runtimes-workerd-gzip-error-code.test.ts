// rowport/web's toCsv with `gzip: true` fed the CSV into CompressionStream and cancelled its reader
// with the export's error when the rows failed. workerd's native CompressionStream rejects the read
// in flight with a new plain Error holding only the text ("RowportError: Row 2: …"), and that error
// was the one the stream gave: a Worker saw ROWPORT_WRITE_FAILED with no row, column or cause,
// instead of ROWPORT_SOURCE_FAILED or ROWPORT_INVALID_VALUE. The export's own error now wins.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { requireTool } from '../helpers/tools.js';
import { bundle } from '../runtimes/bundle.js';

const WORKER = `
import { toCsv } from 'rowport/web';
function* rows(how) {
  for (let i = 0; i < 3000; i++) yield { i, name: 'row ' + i };
  if (how === 'throw') throw new TypeError('db gone');
  yield { i: -1, name: Symbol('x') };
}
export default {
  async fetch(request) {
    const how = new URL(request.url).pathname.slice(1);
    try {
      await new Response(toCsv(rows(how), { gzip: true })).arrayBuffer();
      return Response.json({ ok: true });
    } catch (error) {
      const { name, code, row, column, cause } = error;
      return Response.json({ name, code, row, column, cause: cause && { name: cause.name, message: cause.message } });
    }
  },
};
`;

const haveWorkerd = requireTool('workerd', () => readdirSync(resolve('node_modules/.bin')).includes('workerd'));
let mf: Miniflare;
beforeAll(async () => {
  if (!haveWorkerd) return;
  mf = new Miniflare({ modules: true, script: await bundle({ contents: WORKER }), compatibilityDate: '2026-04-01' });
  await mf.ready;
});
afterAll(() => mf?.dispose());

it.runIf(haveWorkerd)('a failing source errors a gzipped CSV with ROWPORT_SOURCE_FAILED, its row and cause', async () => {
  const error = await (await mf.dispatchFetch('http://worker/throw')).json();
  expect(error).toEqual({ name: 'RowportError', code: 'ROWPORT_SOURCE_FAILED', row: 3000, cause: { name: 'TypeError', message: 'db gone' } });
});

it.runIf(haveWorkerd)('a bad value errors a gzipped CSV with ROWPORT_INVALID_VALUE, its row and column', async () => {
  const error = await (await mf.dispatchFetch('http://worker/value')).json();
  expect(error).toMatchObject({ name: 'RowportError', code: 'ROWPORT_INVALID_VALUE', row: 3000, column: 'name' });
});
