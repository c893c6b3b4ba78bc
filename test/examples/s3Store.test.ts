import { createHash } from 'node:crypto';
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { contentDisposition, toCsv } from 'rowport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Store } from '../../examples/queue/s3Store.js';
import { type S3Server, startS3 } from './services.js';
import { readAll } from './support.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(() => s3?.stop());

/** ~13 MB of CSV (three multipart parts of 5 MiB), the same bytes on every call. */
const ROWS = 200_000;
function* rows(failAt = Infinity) {
  for (let id = 1; id <= ROWS; id++) {
    if (id === failAt) throw new Error('connection lost (injected)');
    yield { id, name: `Ученик ${id}`, score: (id % 1000) / 10, note: 'x'.repeat(30) };
  }
}
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The S3 commands a client sent, by name. */
function recordCommands(client: ReturnType<S3Server['client']>): string[] {
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return sent;
}

async function keys(client: ReturnType<S3Server['client']>): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  return (page.Contents ?? []).map((o) => o.Key as string);
}

async function unfinished(client: ReturnType<S3Server['client']>): Promise<string[]> {
  return ((await client.send(new ListMultipartUploadsCommand({ Bucket: s3.bucket }))).Uploads ?? []).map((u) => u.Key as string);
}

// s3rver lacks AbortMultipartUpload and ListMultipartUploads; services.ts adds both over its folder,
// so the tests check that no object and no unfinished upload remains.
describe('examples/queue createS3Store (on s3rver)', () => {
  it('streams an export into a multipart upload, byte-identical, and presigns a GET with its Content-Disposition', async () => {
    const client = s3.client();
    const sent = recordCommands(client);
    const store = createS3Store({ client, bucket: s3.bucket });
    const fileName = 'class analytics Андрей_20241125.csv';
    const { bytes } = await store.put('job-1/file.csv', toCsv(rows()), { fileName, contentType: 'text/csv; charset=utf-8' });
    const direct = await readAll(toCsv(rows()));
    expect(bytes).toBe(direct.length);
    expect(sent.filter((c) => c === 'UploadPartCommand').length).toBeGreaterThanOrEqual(3); // multipart, part by part
    expect(await store.exists('job-1/file.csv')).toBe(true);
    expect(sha(await readAll(await store.open('job-1/file.csv')))).toBe(sha(direct));
    const url = await store.presign?.('job-1/file.csv', { fileName, contentType: 'text/csv; charset=utf-8', expiresInSeconds: 60 });
    const reply = await fetch(url as string); // no credentials: the URL carries its signature
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toBe(contentDisposition(fileName));
    expect(sha(Buffer.from(await reply.arrayBuffer()))).toBe(sha(direct));
    await store.delete('job-1/file.csv');
    expect(await store.exists('job-1/file.csv')).toBe(false);
  });

  it('leaves no object when the export fails mid-way, and aborts the multipart upload', async () => {
    const client = s3.client();
    const sent = recordCommands(client);
    const store = createS3Store({ client, bucket: s3.bucket });
    const stream = toCsv(rows(150_000)); // fails after ~10 MB: two parts are uploaded by then
    await expect(store.put('job-2/file.csv', stream, { fileName: 'f.csv', contentType: 'text/csv' })).rejects.toMatchObject({ code: 'ROWPORT_SOURCE_FAILED' });
    expect(await store.exists('job-2/file.csv')).toBe(false);
    expect(await keys(client)).toEqual([]);
    expect(sent).toContain('CreateMultipartUploadCommand');
    expect(sent).toContain('AbortMultipartUploadCommand');
    expect(sent).not.toContain('CompleteMultipartUploadCommand');
    expect(await unfinished(client)).toEqual([]);
    expect(stream.destroyed).toBe(true);
  });

  it('leaves no object when the export is aborted', async () => {
    const client = s3.client();
    const sent = recordCommands(client);
    const store = createS3Store({ client, bucket: s3.bucket });
    const controller = new AbortController();
    let read = 0;
    const stream = toCsv(rows(), {
      signal: controller.signal,
      onProgress: ({ bytes }) => {
        read = bytes;
        if (bytes > 7 * 1024 * 1024) controller.abort(new Error('Export cancelled'));
      },
    });
    await expect(store.put('job-3/file.csv', stream, { signal: controller.signal, fileName: 'f.csv', contentType: 'text/csv' })).rejects.toThrow();
    expect(read).toBeGreaterThan(5 * 1024 * 1024);
    expect(await store.exists('job-3/file.csv')).toBe(false);
    expect(await keys(client)).toEqual([]);
    expect(sent).toContain('AbortMultipartUploadCommand');
    expect(sent).not.toContain('CompleteMultipartUploadCommand');
    expect(await unfinished(client)).toEqual([]);
  });

  it('deletes objects past the cache TTL (sweep), keeping younger ones', async () => {
    const client = s3.client();
    const store = createS3Store({ client, bucket: s3.bucket, prefix: 'sweep/' });
    await store.put('a/1.csv', toCsv([{ a: 1 }]), { fileName: '1.csv', contentType: 'text/csv' });
    await store.put('b/2.csv', toCsv([{ b: 2 }]), { fileName: '2.csv', contentType: 'text/csv' });
    expect(await store.sweep(24 * 3_600_000)).toBe(0);
    expect(await keys(client)).toEqual(['sweep/a/1.csv', 'sweep/b/2.csv']);
    expect(await store.sweep(0)).toBe(2);
    expect(await keys(client)).toEqual([]);
  });
});
