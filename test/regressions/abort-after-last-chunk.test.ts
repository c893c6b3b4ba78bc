// A writer's `signal` was let go as soon as the writer had made its last chunk, not when the stream
// closed: an abort while the end of the output still sat unread in the stream (a slow client, a
// file not yet written) was ignored, and the export finished as if nothing had happened;
// exportToFile wrote the whole file and resolved. It now fails with ROWPORT_ABORTED until the
// consumer has read the end, as documented, and an abort after that changes nothing.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { type ProgressInfo, exportToFile, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';

const tmp = tempDir('rowport-late-abort-');
afterAll(() => tmp.cleanup());

const rows = (): { id: number; name: string }[] => [
  { id: 1, name: 'Ada' },
  { id: 2, name: 'Alan' },
];
type Make = (options: { signal: AbortSignal; onProgress: (p: ProgressInfo) => void }) => Readable;
const writers: [string, Make][] = [
  ['toCsv', (o) => toCsv(rows(), o)],
  ['toCsv with gzip', (o) => toCsv(rows(), { ...o, gzip: true })],
  ['toXlsx', (o) => toXlsx(rows(), o)],
  ['toWorkbook', (o) => toWorkbook([{ name: 'A', rows: rows() }], o)],
];

/** A writer started, whose every byte is made and waits in the stream, unread; and its controller. */
async function madeButUnread(make: Make): Promise<{ stream: Readable; controller: AbortController }> {
  const controller = new AbortController();
  let final!: () => void;
  const ended = new Promise<void>((resolve) => (final = resolve));
  const stream = make({ signal: controller.signal, onProgress: (p) => p.rows === 2 && p.bytes > 0 && final() });
  stream.read(0); // starts the writer; its output is small enough to wait in the stream's buffer
  await ended;
  await new Promise((resolve) => setTimeout(resolve, 50)); // the writer ends its output after its final report
  return { stream, controller };
}

async function consume(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) bytes += chunk.length;
  return bytes;
}

describe.each(writers)('%s', (name, make) => {
  it('an abort while the end of the output is unread fails the stream with ROWPORT_ABORTED', async () => {
    const { stream, controller } = await madeButUnread(make);
    const reason = new Error('the job was cancelled');
    controller.abort(reason);
    await expect(consume(stream)).rejects.toMatchObject({ code: 'ROWPORT_ABORTED', cause: reason });
  });

  it('exportToFile of such a stream rejects with ROWPORT_ABORTED and leaves no file', async () => {
    const { stream, controller } = await madeButUnread(make);
    controller.abort();
    const dir = tmp.path(name.replace(/\W/g, '-'));
    mkdirSync(dir);
    await expect(exportToFile(stream, join(dir, 'out'))).rejects.toMatchObject({ code: 'ROWPORT_ABORTED' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an abort after the consumer read the end changes nothing', async () => {
    const controller = new AbortController();
    const stream = make({ signal: controller.signal, onProgress: () => undefined });
    const errors: unknown[] = [];
    stream.on('error', (error) => errors.push(error));
    expect(await consume(stream)).toBeGreaterThan(0);
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors).toEqual([]);
  });
});
