import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

/**
 * Uploads an export to S3 while it is written: `@aws-sdk/lib-storage` sends it as a multipart
 * upload of 5 MiB parts (at most `queueSize` in memory), so a 1 GB export needs no disk and no
 * 1 GB buffer. A failed export aborts the upload: no partial object is left under `key`.
 * @returns The object's ETag.
 * @example
 * await uploadExport(new S3Client({}), 'exports', 'students.csv', toCsv(rows), 'text/csv; charset=utf-8');
 */
export async function uploadExport(client: S3Client, bucket: string, key: string, body: Readable, contentType: string): Promise<string | undefined> {
  const upload = new Upload({ client, params: { Bucket: bucket, Key: key, Body: body, ContentType: contentType }, queueSize: 2, leavePartsOnError: false });
  body.once('error', () => void upload.abort().catch(() => undefined));
  const done = await upload.done();
  return done.ETag;
}
