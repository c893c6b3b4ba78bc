import type { Readable } from 'node:stream';
import { Readable as ReadableStream } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type MultipartUpload,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { contentDisposition } from 'rowport';
import type { ExportStore } from './exportStore.js';

/** Options of {@link createS3Store}. */
export interface S3StoreOptions {
  /** An S3 client: AWS, or any S3-compatible service (`endpoint`, `forcePathStyle: true` for MinIO, s3rver…). */
  readonly client: S3Client;
  readonly bucket: string;
  /** Prepended to every key, so one bucket can hold other things. @default 'exports/' */
  readonly prefix?: string;
  /** Bytes per multipart part (S3's minimum is 5 MiB). Memory per running upload is about `partSize × queueSize`. @default 5 MiB */
  readonly partSize?: number;
  /** Parts uploaded at once. @default 2 */
  readonly queueSize?: number;
}

/**
 * An {@link ExportStore} in S3-compatible object storage, so that workers and servers on
 * different machines share finished exports without a shared disk.
 * - `put` streams rowport's output straight into a multipart upload (`@aws-sdk/lib-storage`'s
 *   `Upload`: one part in memory per queue slot, never the whole file). When the export fails or
 *   is aborted, the upload is aborted (`AbortMultipartUpload`), so no object appears.
 * - `presign` gives a GET URL that expires, with `ResponseContentDisposition` from rowport's
 *   `contentDisposition`, so the browser saves the file under its (non-ASCII) name.
 * - A key is written by one job at a time (the worker's keys are the job id), so `put` first aborts
 *   any unfinished multipart upload left under its key by an earlier attempt (a killed worker, or
 *   an abort that failed because S3 was down): a retry leaves no stray upload behind.
 * - `sweep` deletes objects older than the cache TTL and aborts unfinished uploads started before
 *   then; `ping` (the health check) lists one key, so a bucket that does not exist is unavailable. On AWS, a bucket lifecycle rule (expire after 1 day, abort incomplete multipart uploads
 *   after 1 day) does the same without a sweeper.
 */
export function createS3Store(options: S3StoreOptions): ExportStore {
  const { client, bucket, prefix = 'exports/', partSize = 5 * 1024 * 1024, queueSize = 2 } = options;
  const keyOf = (key: string) => {
    if (key.split('/').some((part) => part === '' || part === '.' || part === '..')) throw new TypeError(`Invalid store key ${JSON.stringify(key)}`);
    return `${prefix}${key}`;
  };
  /** The unfinished multipart uploads whose key starts with `keyPrefix`. */
  const uploadsUnder = async (keyPrefix: string): Promise<MultipartUpload[]> => {
    const found: MultipartUpload[] = [];
    let markers: { KeyMarker?: string | undefined; UploadIdMarker?: string | undefined } = {};
    for (;;) {
      const page = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: keyPrefix, ...markers }));
      found.push(...(page.Uploads ?? []));
      if (!page.IsTruncated) return found;
      markers = { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker };
    }
  };
  const abortUpload = (upload: MultipartUpload) => client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }));
  return {
    async put(key, stream, { signal, fileName, contentType }) {
      for (const stale of await uploadsUnder(keyOf(key))) if (stale.Key === keyOf(key)) await abortUpload(stale);
      let bytes = 0;
      let sourceError: unknown;
      const body = ReadableStream.from(
        counted(
          stream,
          (n) => (bytes += n),
          (error) => (sourceError = error),
        ),
        { objectMode: false },
      );
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: keyOf(key), Body: body, ContentType: contentType, ContentDisposition: contentDisposition(fileName) },
        partSize,
        queueSize,
        leavePartsOnError: false, // on failure lib-storage sends AbortMultipartUpload: no parts, no object
      });
      const onAbort = () => void upload.abort().catch(() => undefined);
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await upload.done();
      } catch (error) {
        body.destroy(); // closes rowport's stream, and with it the database cursor
        stream.destroy();
        // A single-part upload is a plain PUT, which cannot be aborted half way: make sure nothing stays.
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(key) })).catch(() => undefined);
        // The cause that matters is the export's (a RowportError, the abort), not a failed abort call.
        throw signal?.aborted ? (signal.reason ?? error) : (sourceError ?? error);
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
      return { bytes };
    },
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
        return true;
      } catch (error) {
        if ((error as { name?: string; $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
        throw error;
      }
    },
    async open(key) {
      const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
      return Body as Readable;
    },
    presign(key, { fileName, contentType, expiresInSeconds }) {
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: keyOf(key),
        ResponseContentDisposition: contentDisposition(fileName),
        ResponseContentType: contentType,
      });
      return getSignedUrl(client, command, { expiresIn: expiresInSeconds });
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
    },
    async ping() {
      // Not HeadObject: its 404 is the same for a missing key and a missing bucket (NoSuchBucket here).
      await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }));
    },
    async sweep(maxAgeMs) {
      const cutoff = Date.now() - maxAgeMs;
      let removed = 0;
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          if (object.Key && object.LastModified && object.LastModified.getTime() <= cutoff) {
            await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
            removed++;
          }
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      for (const upload of await uploadsUnder(prefix)) if (upload.Initiated && upload.Initiated.getTime() <= cutoff) await abortUpload(upload);
      return removed;
    },
  };
}

// --- internal ---

/** Passes the chunks through, counting their bytes and noting the source's error; stopping early closes the source stream. */
async function* counted(stream: Readable, add: (n: number) => void, failed: (error: unknown) => void): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) {
      add((chunk as Buffer).length);
      yield chunk as Buffer;
    }
  } catch (error) {
    failed(error);
    throw error;
  }
}
