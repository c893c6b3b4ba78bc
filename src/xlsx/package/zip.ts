import { PassThrough, type Readable } from 'node:stream';
import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import type { ZipFile } from 'yazl';
import { Lazy } from '../../base/lazy.js';
import { ownProperties } from '../../base/optionKeys.js';
import type { ZipEntrySink, ZipSink } from '../../platform/platform.js';

/** yazl, imported when a workbook is started: a CSV-only app (or bundle) never loads it. */
export const YAZL = /* @__PURE__ */ new Lazy('yazl', async () => {
  const yazl = await import('yazl');
  const crc32 = yazlsCrc32();
  if (crc32 !== undefined) useNativeCrc32(crc32);
  return yazl;
});

/**
 * yazl checksums every entry with `buffer-crc32`, a table-driven CRC-32 in JavaScript that took a
 * fifth of the CPU time of a big workbook. Node ≥ 20.15 computes the same CRC-32 (IEEE) natively
 * in `zlib.crc32`, about 15 times as fast: the `unsigned` of the copy yazl `require`s is pointed at
 * it, for the argument forms yazl passes (a Buffer or string and a numeric running CRC), and left
 * as it was for others. The results are identical (`test/xlsx/package/zip.test.ts` checks it), so
 * any other user of that copy only gets faster. Where yazl's copy cannot be found (a bundle that
 * inlined both), yazl keeps its JavaScript CRC and nothing else changes.
 */
export function useNativeCrc32(crc32: Crc32Module): void {
  const native = (zlib as { crc32?: (data: string | Uint8Array, value?: number) => number }).crc32;
  if (typeof native !== 'function' || (crc32.unsigned as { native?: true }).native) return;
  const js = crc32.unsigned;
  const unsigned = (input: string | Buffer, partial?: Buffer | number): number =>
    partial === undefined || typeof partial === 'number' ? native(input, partial ?? 0) : js(input, partial);
  crc32.unsigned = Object.assign(unsigned, { native: true as const });
}

/**
 * A zip container over yazl: entries in the order they are added, deflated on the libuv pool,
 * zip64 where an entry or offset passes 4 GiB (yazl switches by itself and marks such entries
 * "version needed 4.5"), and timestamps that depend on nothing but `mtime`.
 */
export class ZipWriter implements ZipSink {
  private file: ZipFile | undefined; // created on first use, once yazl is loaded (the stream waits for it)
  private readonly entryOptions: { mtime: Date; mode: number; compressionLevel: number; forceDosTimestamp: boolean; forceZip64Format: boolean };
  private readonly open = new Set<PassThrough>();

  /**
   * @param mtime - Wall-clock time of every entry, read in UTC: the same on any host.
   * @param forceZip64 - Write zip64 records even for small entries (for tests of zip64 readers).
   */
  constructor(mtime: Date, compressionLevel: number, forceZip64 = false) {
    // yazl encodes DOS times from the host's local fields; pass a Date whose local fields are
    // mtime's UTC fields, and leave out the extended timestamp, so the bytes never depend on TZ.
    const local = new Date(mtime.getUTCFullYear(), mtime.getUTCMonth(), mtime.getUTCDate(), mtime.getUTCHours(), mtime.getUTCMinutes(), mtime.getUTCSeconds());
    // Without a prototype: yazl reads `size`, `compress`… through the prototype chain, as Node's streams do.
    this.entryOptions = ownProperties({ mtime: local, mode: 0o100644, compressionLevel, forceDosTimestamp: true, forceZip64Format: forceZip64 });
    void YAZL.start();
  }

  /** The zip bytes. */
  get output(): Readable {
    return this.zip.outputStream as unknown as Readable;
  }

  /** Adds a small entry whole. */
  addBuffer(name: string, data: string | Uint8Array): void {
    const bytes =
      typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.zip.addBuffer(bytes, name, this.entryOptions);
  }

  /** Adds an entry written in pieces; it is zipped once the entries before it are done. */
  openEntry(name: string): EntryWriter {
    const stream = new PassThrough(ownProperties({ highWaterMark: 64 * 1024 }));
    this.open.add(stream);
    stream.once('close', () => this.open.delete(stream));
    this.zip.addReadStreamLazy(name, this.entryOptions, (callback) => callback(null, stream));
    return new EntryWriter(stream);
  }

  /** No more entries: writes the central directory once every entry is done. */
  end(): void {
    this.zip.end({ forceZip64Format: this.entryOptions.forceZip64Format, comment: '' });
  }

  /** Stops everything; `output` ends with `error` (or is simply closed). */
  destroy(error?: Error): void {
    for (const stream of this.open) stream.destroy();
    if (this.file === undefined) return; // destroyed before anything was zipped
    if (!this.output.destroyed) this.output.destroy(error);
  }

  private get zip(): ZipFile {
    if (this.file === undefined) {
      const file = new (YAZL.get().ZipFile)();
      file.on('error', (error: Error) => this.destroy(error));
      this.file = file;
    }
    return this.file;
  }
}

/** Writes text into one zip entry, with backpressure. */
export class EntryWriter implements ZipEntrySink {
  constructor(private readonly stream: PassThrough) {}

  /** Writes text (or its UTF-8 bytes); the promise (when one is returned) resolves once the entry wants more. */
  write(text: string | Uint8Array): Promise<void> | undefined {
    if (this.stream.destroyed) throw new Error('The zip entry was closed');
    if (this.stream.write(text, 'utf8')) return undefined;
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
    });
  }

  /** Ends the entry. */
  end(): void {
    this.stream.end();
  }
}

/** The part of `buffer-crc32` that yazl calls. */
interface Crc32Module {
  unsigned(input: string | Buffer, partial?: Buffer | number): number;
}

/** The `buffer-crc32` that yazl itself requires (resolved from yazl's folder), or undefined. */
function yazlsCrc32(): Crc32Module | undefined {
  try {
    const require = createRequire(import.meta.url);
    return createRequire(require.resolve('yazl'))('buffer-crc32') as Crc32Module;
  } catch {
    return undefined;
  }
}
