// workerd's CompressionStream takes every write at once (its writable side never pushes back), and
// rowport/web fed it as fast as its writes resolved: in a Cloudflare Worker a deflated XLSX (the
// default) or a gzipped CSV read the whole source as soon as the first chunk was read, and held the
// compressed file in memory (900,000 rows: 200 MB of RSS, past a Worker's 128 MB), however slowly
// the client read. The deflate is now fed only a little ahead of what the reader asks for.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { requireTool } from '../helpers/tools.js';
import { bundle } from '../runtimes/bundle.js';

const ROWS = 100_000;
const WORKER = `
import { toCsv, toXlsx } from 'rowport/web';
let x = 12345;
// 1 MiB of random text, each row a slice far from the last: deflate finds little to shrink.
const POOL = Array.from({ length: 1 << 20 }, () => String.fromCharCode(33 + ((x = (x * 1103515245 + 12345) & 0x7fffffff) % 90))).join('');
export default {
  async fetch(request) {
    const kind = new URL(request.url).pathname.slice(1);
    const state = { pulled: 0 };
    function* rows() {
      for (let i = 0; i < ${ROWS}; i++) {
        state.pulled++;
        const at = (i * 104_729) % (POOL.length - 1000);
        yield { i, text: POOL.slice(at, at + 1000) };
      }
    }
    const reader = (kind === 'csv' ? toCsv(rows(), { gzip: true }) : toXlsx(rows(), { sharedStrings: false })).getReader();
    const sizes = [];
    for (let i = 0; i < 3; i++) sizes.push((await reader.read()).value.length);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const pulled = state.pulled;
    await reader.cancel();
    return Response.json({ pulled, read: sizes.reduce((a, b) => a + b, 0) });
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

// A row is about 1 KB that deflate shrinks little (inline text in XLSX: a shared-string table is held by design),
// so three chunks read are a few hundred rows, not the source.
it.runIf(haveWorkerd).each(['csv', 'xlsx'])('a %s read three chunks at a time reads few rows ahead in workerd', async (kind) => {
  const { pulled, read } = (await (await mf.dispatchFetch(`http://worker/${kind}`)).json()) as { pulled: number; read: number };
  expect(read).toBeGreaterThan(0);
  expect(pulled).toBeLessThan(ROWS / 10);
});
