// A Buffer (or Uint8Array, ArrayBuffer) cell is written as its base64, which was built 4 characters
// at a time with `+=`: a rope some 25 times the size of the bytes until flattened, so a 50 MB file
// in a bytea column took 1.2 GB of heap (of which XLSX keeps 32,767 characters) and a larger one
// ran the process out of memory. The base64 is now built as bytes and decoded once. Checked in a
// child process with a small heap, which the old code overflows, against Buffer's own base64.
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

const script = `
import { text } from 'node:stream/consumers';
import { toCsv, toXlsx } from './src/index.ts';
const bytes = Buffer.alloc(24 * 1024 * 1024 + 1);
for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + (i >> 8)) & 255;
const csv = await text(toCsv([{ id: 1, file: bytes }], { bom: false }));
if (csv !== 'id,file\\r\\n1,' + bytes.toString('base64') + '\\r\\n') throw new Error('CSV holds other text');
let size = 0;
for await (const chunk of toXlsx([{ id: 1, file: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) }])) size += chunk.length;
console.log('ok', size > 0);
`;

it('writes a 24 MiB Buffer cell as its base64 within a 160 MB heap', () => {
  const out = execFileSync(process.execPath, ['--max-old-space-size=160', '--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  expect(out.trim()).toBe('ok true');
}, 60_000);
