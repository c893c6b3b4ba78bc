import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RowportError, RowportErrorCode, isRowportError } from '../errors.js';
import { abortError } from '../internal/chunkStream.js';
import { rowsWritten } from '../internal/rowCount.js';
import type { ExportSummary } from '../types.js';
import { EXPORT_TO_FILE_KEYS, checkOptionKeys } from '../internal/optionKeys.js';

/** Options of {@link exportToFile}. */
export interface ExportToFileOptions {
  /** Aborting stops the export, destroys `stream` (closing its source) and removes the temp file. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Writes a stream to a file atomically: to a temp sibling first, renamed onto `path` on success,
 * removed on failure. `path` never holds a partial file.
 * @param stream - Bytes, usually from `toCsv`, `toXlsx` or `toWorkbook`.
 * @param path - Destination file; its folder must exist.
 * @param options - `signal` to cancel.
 * @returns `{ path, bytes, rows, durationMs }`, with `path` absolute.
 * @throws {RowportError} The stream's own `RowportError`, `ROWPORT_ABORTED`, or
 *   `ROWPORT_WRITE_FAILED` with the file system error as `cause`.
 * @example
 * const summary = await exportToFile(toCsv(rows), 'out/people.csv');
 * //=> { path: '/srv/out/people.csv', bytes: 1834, rows: 42, durationMs: 3 }
 */
export async function exportToFile(stream: Readable, path: string, options: ExportToFileOptions = {}): Promise<ExportSummary> {
  checkOptionKeys(options, EXPORT_TO_FILE_KEYS);
  const started = performance.now();
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const { signal } = options;
  let bytes = 0;
  const file = createWriteStream(temp, { flags: 'wx' });
  try {
    if (signal?.aborted) throw abortError(signal);
    await pipeline(
      stream,
      async function* count(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          yield chunk;
        }
      },
      file,
      signal ? { signal } : {},
    );
    await rename(temp, target);
  } catch (error) {
    stream.destroy();
    file.destroy();
    await rm(temp, { force: true });
    if (signal?.aborted) throw abortError(signal);
    if (isRowportError(error)) throw error;
    throw new RowportError(RowportErrorCode.WriteFailed, `Could not write ${target}: ${(error as Error).message}`, { cause: error });
  }
  return { path: target, bytes, rows: rowsWritten(stream), durationMs: Math.round(performance.now() - started) };
}
