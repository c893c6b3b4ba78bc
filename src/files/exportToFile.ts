import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { unlinkSync } from 'node:fs';
import { type FileHandle, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { RowportError, RowportErrorCode, describe, invalidOption, isRowportError, isThenable } from '../errors.js';
import { abortError } from '../writer/chunkStream.js';
import { isWriterStream, rowsWritten } from '../writer/rowCount.js';
import { MAX_NAME_BYTES, cutUtf8 } from '../writer/utf8Cut.js';
import type { ExportSummary } from '../types.js';
import { optionKeys, ownOptions } from '../base/optionKeys.js';
import { type ReadWatch, claimOnce, hasOtherPuller, isBeingRead, watchReads } from '../sources/oneReader.js';

/** Options of {@link exportToFile}. */
export interface ExportToFileOptions {
  /** Aborting stops the export, destroys `stream` (closing its source) and removes the temp file. */
  readonly signal?: AbortSignal | undefined;
  /** Create the folder of `path` (and its parents) when it does not exist, as `mkdir -p` does.
   *  Folders made this way stay when the export then fails.
   *  @default false: a missing folder is `ROWPORT_WRITE_FAILED` */
  readonly mkdir?: boolean | undefined;
}

/**
 * Writes a stream to a file atomically: to a temp sibling first, renamed onto `path` on success,
 * removed on failure or abort. `path` never holds a partial file (the temp file is flushed to disk
 * before the rename, so not after a power loss either), and no temp file survives any failure. A file that `path` replaces keeps its permission bits (and its owner and group, where
 * the process may set them, as root can); a new file gets the default mode (`0o666` less the umask).
 * @param stream - A fresh byte `Readable`, usually from `toCsv`, `toXlsx` or `toWorkbook`: not yet
 *   read, ended or destroyed, and not in object mode.
 * @param path - Destination file; its folder must exist unless `mkdir` is set.
 * @param options - `signal` to cancel, `mkdir` to create the folder.
 * @returns `{ path, bytes, rows, durationMs }`, with `path` absolute.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` before `path` is touched when `stream` is not a
 *   fresh byte stream (a string, a Buffer, an object-mode or consumed stream, a writer's stream
 *   decoded by `setEncoding('utf8')`) or an option is bad
 *   (a stream that failed already with a RowportError, such as a writer's `ROWPORT_ABORTED`, rejects with it);
 *   the stream's own `RowportError`, or `ROWPORT_SOURCE_FAILED` for another error of the stream
 *   (its `cause`); `ROWPORT_ABORTED`; `ROWPORT_WRITE_FAILED` with the file system error as `cause`
 *   (a missing folder, no permission, a full disk, a failed rename, a `path` that is a device, a FIFO
 *   or a socket, which the rename would replace with a plain file).
 * @example
 * const summary = await exportToFile(toCsv(rows), 'out/people.csv', { mkdir: true });
 * //=> { path: '/srv/out/people.csv', bytes: 1834, rows: 42, durationMs: 3 }
 */
export async function exportToFile(stream: Readable, path: string, options: ExportToFileOptions = {}): Promise<ExportSummary> {
  const started = performance.now();
  checkStream(stream);
  if (typeof path !== 'string' || path === '' || path.includes('\0')) throw invalidOption('path', 'a non-empty file path without NUL bytes', path);
  if (path.endsWith('/') || path.endsWith(sep)) throw invalidOption('path', 'a file path, not a folder (it ends with a separator)', path);
  const { signal, mkdir: makeFolder = false } = ownOptions(options, EXPORT_TO_FILE_KEYS);
  if (signal !== undefined && !isAbortSignal(signal)) throw invalidOption('signal', 'an AbortSignal', signal);
  if (typeof makeFolder !== 'boolean') throw invalidOption('mkdir', 'a boolean', makeFolder);
  if (!claimOnce(stream)) throw streamTaken('a stream already given to exportToFile');
  // Ours from here: an error before the first read (a writer's signal aborted while the folder is made)
  // is kept by the stream for the read below to throw, and is never an uncaught exception.
  stream.on('error', () => undefined);
  const target = resolve(path);
  const folder = dirname(target);
  const temp = join(folder, tempName(basename(target)));

  // The stream is ours from here: every way out below either renames the temp file onto the
  // target or removes it, and destroys the stream, so its source is closed.
  let handle: FileHandle | undefined;
  let created = false; // the temp file exists and is ours to remove
  let bytes = 0;
  let theirs = false; // another reader took the stream first: it is not ours to destroy
  const onAbort = (): void => void stream.destroy(); // the loop below then throws; the catch reports the abort
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    throwIfAborted(signal);
    if (makeFolder) await mkdir(folder, { recursive: true }).catch((error: unknown) => failed(`Could not create the folder ${folder}`, error));
    const existing = await stat(target)
      .catch(ignoreMissing)
      .catch((error: unknown) => failed(`Could not write ${target}`, error));
    if (existing?.isDirectory()) throw failed(`Could not write ${target}`, Object.assign(new Error(`EISDIR: ${target} is a directory`), { code: 'EISDIR' }));
    if (existing !== undefined && !existing.isFile()) throw failed(`Could not write ${target}`, notRegular(target, existing));
    throwIfAborted(signal);
    // Awaited, so the file exists exactly when `created` is true: nothing can create it after the
    // cleanup below has run (the race of a stream that opens its file in the background).
    LIVE_TEMP_FILES.add(temp); // before the file exists, so that removeTempFilesSync never misses it
    handle = await open(temp, 'wx').catch(async (error: unknown) => failed(await openFailure(target, temp, error), error));
    created = true;
    if (existing) await keepOwnership(handle, existing).catch((error: unknown) => failed(`Could not give ${temp} the mode of ${target}`, error));
    throwIfAborted(signal);
    theirs = isBeingRead(stream);
    if (theirs) throw streamTaken('a stream that another reader started reading while the file was opened');
    bytes = await copyChunks(stream, handle, target);
    throwIfAborted(signal);
    // On disk before the rename: after a power loss `path` holds the old file or the whole new one,
    // never a rename whose data had not reached the disk (an empty or partial file).
    await handle.sync().catch((error: unknown) => failed(`Could not write ${target}`, error));
    throwIfAborted(signal);
    const closing = handle;
    handle = undefined;
    await closing.close().catch((error: unknown) => failed(`Could not write ${target}`, error));
    throwIfAborted(signal); // the last moment an abort is heard: during the rename it is too late
    await rename(temp, target).catch((error: unknown) => failed(`Could not rename the temp file onto ${target}`, error));
    created = false;
    LIVE_TEMP_FILES.delete(temp);
  } catch (error) {
    signal?.removeEventListener('abort', onAbort);
    if (!theirs) stream.destroy();
    await handle?.close().catch(() => undefined);
    if (created) await unlink(temp).catch(() => undefined); // the error to report is the one that got us here
    LIVE_TEMP_FILES.delete(temp);
    if (signal?.aborted) throw abortError(signal);
    if (isRowportError(error)) throw error;
    // Every file system step above throws a RowportError; what is left came from reading the stream.
    throw new RowportError(RowportErrorCode.SourceFailed, `The stream failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  signal?.removeEventListener('abort', onAbort);
  return { path: target, bytes, rows: rowsWritten(stream), durationMs: Math.round(performance.now() - started) };
}

/**
 * Removes, synchronously, the temp files of the exports still running in this process, for a process
 * that must exit now (the CLI's second Ctrl-C) before their own cleanup has run. Not public API.
 */
export function removeTempFilesSync(): void {
  for (const temp of LIVE_TEMP_FILES) {
    try {
      unlinkSync(temp);
    } catch {
      // not created yet, or already renamed or removed
    }
    LIVE_TEMP_FILES.delete(temp);
  }
}

// --- internal ---

/** Temp files that may exist: added before each is opened, deleted once it is renamed or removed. */
const LIVE_TEMP_FILES = new Set<string>();

/** The keys of `exportToFile` options; see `ownOptions`. */
const EXPORT_TO_FILE_KEYS = optionKeys<ExportToFileOptions>({ signal: true, mkdir: true });

/**
 * Refuses what is not a fresh byte stream, before any file is touched: writing a string's
 * characters, or the empty rest of a stream someone already read, would replace `path` with
 * something the caller did not mean.
 */
function checkStream(stream: unknown): asserts stream is Readable {
  const expected = 'a byte Readable that was not read yet (e.g. from toCsv or toXlsx)';
  const s = stream as Partial<Readable> | null;
  if (s === null || typeof s !== 'object' || typeof s.read !== 'function' || typeof s.on !== 'function' || typeof s.destroy !== 'function') {
    const hint =
      typeof stream === 'string' || stream instanceof Uint8Array
        ? 'To write fixed bytes, wrap them: Readable.from([Buffer.from(text)], { objectMode: false })'
        : typeof (stream as { getReader?: unknown } | null)?.getReader === 'function'
          ? 'For a web ReadableStream, pass Readable.fromWeb(stream)'
          : isThenable(stream)
            ? 'Did you forget an await? Pass the stream itself, not a Promise of it'
            : undefined;
    if (stream instanceof Promise) stream.catch(() => undefined); // refused: its rejection must not crash the process
    throw invalidOption('stream', expected, stream, hint);
  }
  if (s.destroyed || s.errored) {
    // Destroyed at its creation (a writer whose `signal` was aborted already): its error event comes
    // a tick later, to no listener but this one, and its RowportError (`ROWPORT_ABORTED`) is the answer.
    s.on('error', () => undefined);
    if (isRowportError(s.errored)) throw s.errored;
  }
  const problem = s.readableObjectMode
    ? 'an object-mode stream (rows, not bytes: pass it to toCsv or toXlsx first; a stream of Buffers needs Readable.from(chunks, { objectMode: false }))'
    : lossyDecoding(s as Readable)
      ? `a writer's stream on which setEncoding('${s.readableEncoding}') was called: its bytes (a zip, gzip, a CSV in another encoding) are lost in that text; do not call setEncoding on it`
      : s.destroyed || s.errored
        ? 'a destroyed stream'
        : s.readableEnded
          ? 'a stream that has already ended'
          : s.readableAborted || isBeingRead(s as Readable)
            ? 'a stream that is already being read or was read (a pipe, a for await, a data listener)'
            : undefined;
  if (problem !== undefined) throw new RowportError(RowportErrorCode.InvalidOption, `Invalid option \`stream\`: expected ${expected}, got ${problem}`);
}

/** Encodings whose strings give back the bytes they were decoded from (`Buffer.from(text, encoding)`). */
const BYTE_ENCODINGS: ReadonlySet<string> = new Set(['latin1', 'binary', 'hex', 'base64', 'base64url']);

/**
 * True for a rowport writer's stream that decodes its bytes into text that cannot give them back
 * (`setEncoding('utf8')` on an XLSX: its zip bytes become U+FFFD, and the file would not open).
 */
function lossyDecoding(stream: Readable): boolean {
  const encoding = stream.readableEncoding;
  return encoding !== null && encoding !== undefined && !BYTE_ENCODINGS.has(encoding) && isWriterStream(stream);
}

/**
 * Writes every chunk of `stream` to `handle`; fails when another reader took chunks meanwhile,
 * whether it is still reading or drained the rest while a write was awaited.
 * @returns The bytes written.
 */
async function copyChunks(stream: Readable, handle: FileHandle, target: string): Promise<number> {
  let bytes = 0;
  let watch: ReadWatch | undefined;
  const split = (): RowportError => streamTaken('a stream that another reader started reading too (the chunks were split)');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      if (watch === undefined)
        watch = watchReads(stream); // paused under this loop now: watching cannot make it flow
      else watch.own(chunk);
      if (!watch.alone() || hasOtherPuller(stream)) throw split();
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, stream.readableEncoding ?? 'utf8') : chunk;
      await writeAll(handle, buffer, target);
      bytes += buffer.length;
    }
    if (watch && !watch.alone()) throw split(); // another reader drained the rest while a write was awaited
  } finally {
    watch?.stop();
  }
  return bytes;
}

function streamTaken(what: string): RowportError {
  return new RowportError(RowportErrorCode.InvalidOption, `Invalid option \`stream\`: expected a stream no one else reads, got ${what}`);
}

function isAbortSignal(value: unknown): value is AbortSignal {
  const s = value as Partial<AbortSignal> | null;
  return typeof s === 'object' && s !== null && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function';
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** `ROWPORT_WRITE_FAILED` with the file system error attached. */
function failed(message: string, cause: unknown): never {
  if (isRowportError(cause)) throw cause;
  const detail = cause instanceof Error ? cause.message : String(cause);
  throw new RowportError(RowportErrorCode.WriteFailed, `${message}: ${detail}`, { cause });
}

/**
 * What to say when the temp file cannot be made. ENOENT means a missing folder only when the folder
 * is indeed missing: a folder that exists but takes no new file (`/proc`) gives it too, and then the
 * file system's own error is the message.
 */
async function openFailure(target: string, temp: string, error: unknown): Promise<string> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const folder = dirname(target);
  if (
    code === 'ENOENT' &&
    !(await stat(folder).then(
      (info) => info.isDirectory(),
      () => false,
    ))
  ) {
    return `Could not write ${target}: the folder ${folder} does not exist (create it, or pass { mkdir: true })`;
  }
  return `Could not write ${target}: could not create the temp file ${basename(temp)} in ${folder}`;
}

/**
 * `.name.<12 hex>.tmp`, the name's part cut (in UTF-8 bytes) so that the whole stays within
 * {@link MAX_NAME_BYTES}: a 240-byte name must not fail for its temp file's 18 extra bytes.
 */
function tempName(name: string): string {
  const suffix = `.${randomBytes(6).toString('hex')}.tmp`;
  return `.${cutUtf8(name, MAX_NAME_BYTES - 1 - suffix.length)}${suffix}`;
}

/**
 * The error for a `path` that is a device, a FIFO or a socket (`/dev/null`, a named pipe): renaming
 * the temp file onto it would replace it with a plain file, and a reader waiting on it would get nothing.
 */
function notRegular(target: string, existing: Stats): Error {
  const kind = existing.isFIFO()
    ? 'a FIFO'
    : existing.isSocket()
      ? 'a socket'
      : existing.isCharacterDevice()
        ? 'a character device'
        : existing.isBlockDevice()
          ? 'a block device'
          : 'a special file';
  return new Error(
    `${target} is ${kind}, not a regular file that can be replaced atomically; to write to it, pipe the stream there (pipeline(stream, createWriteStream(path)))`,
  );
}

function ignoreMissing(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
  throw error;
}

/**
 * Gives the temp file the permission bits of the file it will replace, and its owner and group
 * when they differ from ours and the process may set them (root): a `-rw-------` file must not
 * come back `-rw-r--r--`. Ownership is best effort, as with `cp -p` run by a normal user.
 */
async function keepOwnership(handle: FileHandle, existing: Stats): Promise<void> {
  await handle.chmod(existing.mode & 0o777);
  const uid = process.geteuid?.();
  const gid = process.getegid?.();
  if (uid === undefined || (existing.uid === uid && existing.gid === gid)) return;
  await handle.chown(existing.uid, existing.gid).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPERM' && error.code !== 'EINVAL') throw error;
  });
}

async function writeAll(handle: FileHandle, buffer: Buffer | Uint8Array, target: string): Promise<void> {
  if (!(buffer instanceof Uint8Array)) {
    throw new RowportError(RowportErrorCode.InvalidOption, `Invalid option \`stream\`: expected bytes, got a chunk that is ${describe(buffer)}`);
  }
  for (let offset = 0; offset < buffer.length; ) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset).catch((error: unknown) => failed(`Could not write ${target}`, error));
    if (bytesWritten <= 0) failed(`Could not write ${target}`, new Error('the file system accepted no bytes'));
    offset += bytesWritten;
  }
}
