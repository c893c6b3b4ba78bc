// rowport/web's deflate (CompressionStream) stopped early only released its reader: the write in
// flight then waited on backpressure forever, so its input was never returned (a source never closed)
// and the feeding task hung. Stopping now cancels the stream, and the input is returned.
import { expect, it } from 'vitest';
import { WEB_ZIP_CODEC } from '../../src/web/deflate.js';

it('returns its input when the reader stops early', async () => {
  let returned = 0;
  async function* input() {
    try {
      for (let i = 0; i < 1000; i++) yield crypto.getRandomValues(new Uint8Array(65536));
    } finally {
      returned++;
    }
  }
  for (let k = 0; k < 10; k++) {
    const deflate = WEB_ZIP_CODEC.deflate(input());
    await deflate.next();
    await deflate.return(undefined);
  }
  for (let i = 0; i < 50 && returned < 10; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(returned).toBe(10);
});
