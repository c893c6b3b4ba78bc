import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contentDisposition, toCsv, toXlsx } from '../../src/index.js';
import { parts } from '../helpers/unzip.js';

// The README recipe for handlers that return a web `Response` (Hono, Next.js route handlers, Remix…).
describe('a web Response from a rowport stream', () => {
  it('carries the CSV bytes', async () => {
    const rows = [
      { id: 1, name: 'Zoë, "Z"' },
      { id: 2, name: 'Ада' },
    ];
    const response = new Response(Readable.toWeb(toCsv(rows)) as ReadableStream<Uint8Array>, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': contentDisposition('people.csv') },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(Buffer.from('\uFEFFid,name\r\n1,"Zoë, ""Z"""\r\n2,Ада\r\n', 'utf8'))).toBe(true);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="people.csv"');
  });

  it('carries gzipped CSV and XLSX bytes', async () => {
    const gz = new Response(Readable.toWeb(toCsv([{ a: 1 }], { gzip: true })) as ReadableStream<Uint8Array>);
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe('\uFEFFa\r\n1\r\n');
    const xlsx = new Response(Readable.toWeb(toXlsx([{ id: 42 }])) as ReadableStream<Uint8Array>);
    expect(parts(Buffer.from(await xlsx.arrayBuffer()))['xl/worksheets/sheet1.xml']).toContain('<v>42</v>');
  });

  it('closes the source when the client goes away (the body is cancelled)', async () => {
    let closed = false;
    const source = (function* () {
      try {
        for (let i = 0; ; i++) yield { i, text: 'x'.repeat(100) };
      } finally {
        closed = true;
      }
    })();
    const response = new Response(Readable.toWeb(toCsv(source)) as ReadableStream<Uint8Array>);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await expect.poll(() => closed).toBe(true);
  });
});
