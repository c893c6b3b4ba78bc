import { type IncomingHttpHeaders, type IncomingMessage, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Starts a server on a free port of 127.0.0.1; returns its base URL and a stop function. */
export async function listen(server: Server): Promise<{ base: string; stop: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** GETs a URL and reads the whole body; rejects when the connection breaks before the end. */
export function fetchAll(url: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    get(url, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('response aborted')));
    }).on('error', reject);
  });
}

/** GETs a URL, waits for the first body chunk, and returns the response (paused) with its request. */
export function firstChunk(url: string): Promise<{ res: IncomingMessage; chunk: Buffer; abort: () => void }> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      res.once('data', (chunk: Buffer) => {
        res.pause();
        resolve({ res, chunk, abort: () => req.destroy() });
      });
      res.once('error', () => undefined);
    });
    req.on('error', reject);
  });
}

/** The file name a browser would take from a Content-Disposition header (filename* first). */
export function dispositionName(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1] as string);
  return /filename="([^"]*)"/.exec(header)?.[1];
}
