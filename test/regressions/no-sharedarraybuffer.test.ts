// A cell holding bytes threw `ReferenceError: SharedArrayBuffer is not defined` where the runtime has
// none (a browser page that is not cross-origin isolated): `value instanceof SharedArrayBuffer` (#21).
import { afterEach, expect, it } from 'vitest';
import { toCsv } from '../../src/web/index.js';

const saved = globalThis.SharedArrayBuffer;
afterEach(() => {
  globalThis.SharedArrayBuffer = saved;
});

it('writes an ArrayBuffer cell as base64 without a SharedArrayBuffer global', async () => {
  // @ts-expect-error: the global is removed, as in such a page
  delete globalThis.SharedArrayBuffer;
  const bytes = new Uint8Array([104, 105]).buffer;
  const text = await new Response(toCsv([{ a: bytes, b: { nested: new Uint8Array([1, 2, 3]).buffer } }], { bom: false })).text();
  expect(text).toBe('a,b\r\naGk=,"{""nested"":""AQID""}"\r\n');
});
