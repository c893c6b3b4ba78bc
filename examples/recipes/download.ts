import { Readable } from 'node:stream';
import { contentDisposition } from 'rowport';

/** A download ready to send: its headers, and a body that starts with the bytes already read. */
export interface Download {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readable;
}

/** CSV or XLSX, the two formats the recipes serve. */
export type Format = 'csv' | 'xlsx';

const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Waits for an export's first chunk before anything is sent, so that an error before the first
 * byte (the query failed, row 1 holds a bad value) can still be answered with a status and a JSON
 * body; after it the status is 200 and a later error can only cut the connection, which every
 * framework below does when the body stream fails (the client never takes a short file for a
 * whole one). Every framework recipe sends a {@link Download}.
 * @throws what the export throws before its first byte (a `RowportError`, the database's error).
 * @example
 * const { headers, body } = await openDownload(toCsv(rows), 'students', 'csv');
 */
export async function openDownload(stream: Readable, name: string, format: Format): Promise<Download> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await chunks.next().catch((error: unknown) => {
    stream.destroy();
    throw error;
  });
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      if (!first.done) yield first.value;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    } finally {
      stream.destroy(); // the client hung up, or the export failed: close the source (its cursor) too
    }
  }
  const headers = {
    'content-type': CONTENT_TYPES[format],
    'content-disposition': contentDisposition(`${name}.${format}`),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  return { headers, body: Readable.from(rest(), { objectMode: false }) };
}

/** A caller the recipes let in: who they are, from their `Authorization` header; undefined to refuse. */
export type Authenticate = (authorization: string | undefined) => { readonly id: string } | undefined;

/** The error body of the recipes: a code, never the error's own message (it may hold SQL or hosts). */
export function errorBody(code: 'UNAUTHORIZED' | 'NOT_FOUND' | 'EXPORT_FAILED'): { readonly error: { readonly code: string } } {
  return { error: { code } };
}
