// examples/queue: a call whose Redis connection failed late dropped the client a later call had
// made since, so that call failed (503) against a Redis that was up again. A failed connection now
// forgets only its own client.
import { type Server, type Socket, connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../examples/analytics/access.js';
import { ExportQueue } from '../../examples/queue/exportQueue.js';
import { createLocalStore } from '../../examples/queue/exportStore.js';
import { type RedisServer, freePort, haveRedis, startRedis } from '../examples/services.js';
import { tempDir } from '../examples/support.js';

const ADMIN: Principal = { id: 'admin', role: 'admin' };
let redis: RedisServer;
let out: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  if (!haveRedis()) return;
  [redis, out] = await Promise.all([startRedis(), tempDir('rowport-connect-race-')]);
});
afterAll(async () => {
  await redis?.stop();
  await out?.remove();
});

/** A TCP proxy to Redis that, while `frozen` is set, passes nothing either way (a Redis that hangs). */
async function proxy(to: URL): Promise<{ url: string; frozen: boolean; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const state = { frozen: false };
  const server: Server = createServer((client) => {
    const upstream = connect(Number(to.port), to.hostname);
    for (const [from, into] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on('error', () => into.destroy());
      from.on('close', () => into.destroy());
      from.on('data', (data) => {
        if (!state.frozen) into.write(data);
      });
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `redis://127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}

describe.runIf(haveRedis())('ExportQueue connecting while an earlier connection fails', () => {
  it('keeps the client a later call made', async () => {
    const link = await proxy(new URL(redis.url));
    const queue = new ExportQueue({ redisUrl: link.url, queueName: 'race', store: await createLocalStore(out.dir), connectTimeoutMs: 400 });
    try {
      const jobId = '00000000-0000-4000-8000-000000000000';
      await expect(queue.getExportStatus(jobId, ADMIN)).resolves.toMatchObject({ state: 'unknown' }); // connected
      link.frozen = true; // Redis hangs: the next calls' PINGs get no answer
      const first = queue.getExportStatus(jobId, ADMIN);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const second = queue.getExportStatus(jobId, ADMIN); // shares the first call's client
      await expect(first).rejects.toThrow(/unreachable/);
      link.frozen = false; // Redis answers again
      const third = queue.getExportStatus(jobId, ADMIN); // a new client, made before the second call fails
      await expect(second).rejects.toThrow(/unreachable/);
      await expect(third).resolves.toMatchObject({ jobId, state: 'unknown' });
      await expect(queue.getExportStatus(jobId, ADMIN)).resolves.toMatchObject({ state: 'unknown' });
    } finally {
      await queue.close();
      await link.close();
    }
  }, 30_000);
});
