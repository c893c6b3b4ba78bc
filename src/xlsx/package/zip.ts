import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';

/**
 * A zip container over yazl: entries in the order they are added, deflated on the libuv pool,
 * zip64 where an entry or offset passes 4 GiB (yazl switches by itself and marks such entries
 * "version needed 4.5"), and timestamps that depend on nothing but `mtime`.
 */
export class ZipWriter {
  /** The zip bytes. */
  readonly output: Readable;
  private readonly zip = new ZipFile();
  private readonly entryOptions: { mtime: Date; mode: number; compressionLevel: number; forceDosTimestamp: boolean; forceZip64Format: boolean };
  private readonly open = new Set<PassThrough>();

  /**
   * @param mtime - Wall-clock time of every entry, read in UTC: the same on any host.
   * @param forceZip64 - Write zip64 records even for small entries (for tests of zip64 readers).
   */
  constructor(mtime: Date, compressionLevel: number, forceZip64 = false) {
    // yazl encodes DOS times from the host's local fields; pass a Date whose local fields are
    // mtime's UTC fields, and leave out the extended timestamp, so the bytes never depend on TZ.
    const local = new Date(
      mtime.getUTCFullYear(), mtime.getUTCMonth(), mtime.getUTCDate(), mtime.getUTCHours(), mtime.getUTCMinutes(), mtime.getUTCSeconds(),
    );
    this.entryOptions = { mtime: local, mode: 0o100644, compressionLevel, forceDosTimestamp: true, forceZip64Format: forceZip64 };
    this.output = this.zip.outputStream as unknown as Readable;
    this.zip.on('error', (error: Error) => this.destroy(error));
  }

  /** Adds a small entry whole. */
  addBuffer(name: string, data: string | Buffer): void {
    this.zip.addBuffer(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, name, this.entryOptions);
  }

  /** Adds an entry written in pieces; it is zipped once the entries before it are done. */
  openEntry(name: string): EntryWriter {
    const stream = new PassThrough({ highWaterMark: 64 * 1024 });
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
    if (!this.output.destroyed) this.output.destroy(error);
  }
}

/** Writes text into one zip entry, with backpressure. */
export class EntryWriter {
  constructor(private readonly stream: PassThrough) {}

  /** Writes text (or its UTF-8 bytes); the promise (when one is returned) resolves once the entry wants more. */
  write(text: string | Buffer): Promise<void> | undefined {
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
