import type { ZipEntrySink, ZipSink } from './platform.js';

const UTF8 = /* @__PURE__ */ new TextEncoder();
const OUTPUT_CHUNK = 64 * 1024;
/** Bytes an entry holds before `write` asks its writer to wait. */
const ENTRY_BUFFER = 64 * 1024;

/**
 * What a zip needs from its runtime: the raw deflate of an entry's bytes, and their CRC-32. Node
 * deflates on the libuv pool, blocks of a big entry side by side; the web through `CompressionStream`.
 */
export interface ZipCodec {
  /**
   * The raw deflate (RFC 1951) of `input`, pulled: the input is read as the output is, so a slow
   * reader slows the writer; returning early (an error, a cancel) stops the deflate.
   */
  deflate(input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined>;
  /** The CRC-32 (IEEE) of `bytes`, continuing from `crc` (0 to start). */
  crc32(bytes: Uint8Array, crc: number): number;
}

/**
 * A zip container in plain JavaScript over a {@link ZipCodec}: UTF-8 names, DOS times from
 * `mtime`'s UTC fields, mode 0644, data descriptors for streamed entries, zip64 where a size or
 * offset passes 4 GiB or the entries pass 65,534 ("version needed 4.5" there), as yazl (which wrote
 * rowport's zips on Node before) writes them.
 * The same records on every runtime: files differ only in the deflate bytes and the sizes and
 * offsets that follow from them. Entries are written in the order they are added, each once the
 * one before it is done.
 */
export class StreamZip implements ZipSink {
  readonly output: AsyncGenerator<Uint8Array, void, undefined>;
  private readonly entries: ZipEntry[] = [];
  private ended = false;
  private stopped: { error: Error | undefined } | undefined;
  private wake: (() => void) | undefined;
  private readonly time: number;
  private readonly date: number;

  /**
   * @param mtime - Wall-clock time of every entry, read in UTC: the same on any host.
   * @param compressionLevel - 0 stores the entries; any other level deflates (at the level the codec was made with).
   * @param codec - Deflate and CRC-32.
   * @param forceZip64 - Write zip64 records even for small entries (tests of readers only).
   */
  constructor(
    mtime: Date,
    private readonly compressionLevel: number,
    private readonly codec: ZipCodec,
    private readonly forceZip64 = false,
  ) {
    ({ time: this.time, date: this.date } = dosDateTime(mtime));
    this.output = this.run();
  }

  addBuffer(name: string, data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? UTF8.encode(data) : data;
    this.add({ ...this.entry(name), whole: bytes, crc: this.codec.crc32(bytes, 0), size: bytes.length });
  }

  openEntry(name: string): ZipEntrySink {
    const input = new EntryInput(() => this.stopped !== undefined, this.codec);
    this.add({ ...this.entry(name), input });
    return input;
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  destroy(error?: Error): void {
    if (this.stopped) return;
    this.stopped = { error };
    for (const entry of this.entries) entry.input?.close();
    this.notify();
  }

  // --- internal ---

  private entry(name: string): ZipEntry {
    if (this.ended) throw new Error('cannot add entries after calling end()');
    return { name: UTF8.encode(name), crc: 0, size: 0, compressedSize: 0, offset: 0 };
  }

  private add(entry: ZipEntry): void {
    if (this.stopped) return;
    this.entries.push(entry);
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async *run(): AsyncGenerator<Uint8Array, void, undefined> {
    const out = new OutputBuffer();
    for (let i = 0; ; i++) {
      while (i >= this.entries.length && !this.ended && !this.stopped) await new Promise<void>((resolve) => (this.wake = resolve));
      this.checkStopped();
      const entry = this.entries[i];
      if (entry === undefined) break;
      entry.offset = out.cursor;
      if (entry.whole !== undefined) {
        const data = this.compressionLevel === 0 ? entry.whole : await deflate(this.codec, [entry.whole]);
        entry.whole = undefined; // the entry's text is not kept once it is zipped
        entry.compressedSize = data.length;
        out.put(localHeader(entry, this, true));
        out.put(data);
      } else {
        out.put(localHeader(entry, this, false));
        const input = entry.input as EntryInput;
        const bytes = this.compressionLevel === 0 ? input.drain() : this.codec.deflate(input.drain());
        for await (const piece of bytes) {
          this.checkStopped();
          entry.compressedSize += piece.length;
          out.put(piece);
          if (out.size >= OUTPUT_CHUNK) yield out.take();
        }
        this.checkStopped();
        entry.crc = input.crc;
        entry.size = input.size;
        // 8-byte sizes only where a size needs them: the local header has no zip64 field, and a streaming
        // reader (Java's ZipInputStream) reads 4-byte sizes then; the central directory says zip64 either way.
        out.put(dataDescriptor(entry, entry.size > 0xfffffffe || entry.compressedSize > 0xfffffffe));
      }
      if (out.size >= OUTPUT_CHUNK) yield out.take();
    }
    const start = out.cursor;
    for (const entry of this.entries) {
      out.put(centralRecord(entry, this, entry.input !== undefined));
      if (out.size >= OUTPUT_CHUNK) yield out.take();
    }
    out.put(endOfCentralDirectory(this.entries.length, start, out.cursor - start, out.cursor, this.forceZip64));
    yield out.take();
  }

  private checkStopped(): void {
    if (this.stopped === undefined) return;
    throw this.stopped.error ?? new Error('The zip was closed');
  }

  /** Whether the entry needs zip64 records, once its sizes are known. */
  zip64(entry: ZipEntry): boolean {
    return this.forceZip64 || entry.size > 0xfffffffe || entry.compressedSize > 0xfffffffe || entry.offset > 0xfffffffe;
  }

  get dosTime(): number {
    return this.time;
  }

  get dosDate(): number {
    return this.date;
  }

  get method(): number {
    return this.compressionLevel === 0 ? 0 : 8;
  }
}

/** One entry: whole (`whole`, CRC and sizes in its local header) or streamed (`input`, a data descriptor after it). */
interface ZipEntry {
  readonly name: Uint8Array;
  whole?: Uint8Array | undefined;
  readonly input?: EntryInput;
  crc: number;
  size: number;
  compressedSize: number;
  offset: number;
}

/** The writer's side of a streamed entry: bytes queued until the zip takes them, CRC and size counted on the way. */
class EntryInput implements ZipEntrySink {
  crc = 0;
  size = 0;
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  private ended = false;
  private closed = false;
  private wakeReader: (() => void) | undefined;
  private wakeWriter: (() => void) | undefined;

  constructor(
    private readonly stopped: () => boolean,
    private readonly codec: ZipCodec,
  ) {}

  write(data: string | Uint8Array): Promise<void> | undefined {
    if (this.closed || this.stopped()) throw new Error('The zip entry was closed');
    const bytes = typeof data === 'string' ? UTF8.encode(data) : data;
    if (bytes.length === 0) return undefined;
    this.crc = this.codec.crc32(bytes, this.crc);
    this.size += bytes.length;
    this.queue.push(bytes);
    this.queued += bytes.length;
    this.wake();
    if (this.queued < ENTRY_BUFFER) return undefined;
    return new Promise((resolve) => {
      this.wakeWriter = resolve;
    });
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  /** Stops the entry: the reader ends, a waiting writer goes on (and then sees the zip stopped). */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.wake();
    this.release();
  }

  /** The bytes written, as they come; ends after `end()` (or `close()`). */
  async *drain(): AsyncGenerator<Uint8Array, void, undefined> {
    for (;;) {
      const bytes = this.queue.shift();
      if (bytes !== undefined) {
        this.queued -= bytes.length;
        if (this.queued < ENTRY_BUFFER) this.release();
        yield bytes;
        continue;
      }
      if (this.ended || this.closed) return;
      this.release();
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
  }

  private wake(): void {
    const wake = this.wakeReader;
    this.wakeReader = undefined;
    wake?.();
  }

  private release(): void {
    const wake = this.wakeWriter;
    this.wakeWriter = undefined;
    wake?.();
  }
}

/** Output bytes gathered into chunks of about {@link OUTPUT_CHUNK}, and the offset so far. */
class OutputBuffer {
  cursor = 0;
  size = 0;
  private parts: Uint8Array[] = [];

  put(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
    this.cursor += bytes.length;
  }

  take(): Uint8Array {
    const parts = this.parts;
    const bytes = parts.length === 1 ? (parts[0] as Uint8Array) : new Uint8Array(this.size);
    if (parts.length !== 1) {
      let at = 0;
      for (const part of parts) {
        bytes.set(part, at);
        at += part.length;
      }
    }
    this.parts = [];
    this.size = 0;
    return bytes;
  }
}

/** The raw deflate of `pieces`, whole. */
async function deflate(codec: ZipCodec, pieces: readonly Uint8Array[]): Promise<Uint8Array> {
  const out = new OutputBuffer();
  for await (const piece of codec.deflate(pieces)) out.put(piece);
  return out.take();
}

interface HeaderFields {
  readonly dosTime: number;
  readonly dosDate: number;
  readonly method: number;
  zip64(entry: ZipEntry): boolean;
}

const UTF8_NAMES = 1 << 11;
const DATA_DESCRIPTOR = 1 << 3;
const VERSION_MADE_BY = (3 << 8) | 63; // Unix, spec 6.3 (as yazl)

function localHeader(entry: ZipEntry, zip: HeaderFields, known: boolean): Uint8Array {
  const bytes = new Uint8Array(30 + entry.name.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, 20, true);
  view.setUint16(6, known ? UTF8_NAMES : UTF8_NAMES | DATA_DESCRIPTOR, true);
  view.setUint16(8, zip.method, true);
  view.setUint16(10, zip.dosTime, true);
  view.setUint16(12, zip.dosDate, true);
  if (known) {
    view.setUint32(14, entry.crc, true);
    view.setUint32(18, entry.compressedSize, true);
    view.setUint32(22, entry.size, true);
  }
  view.setUint16(26, entry.name.length, true);
  bytes.set(entry.name, 30);
  return bytes;
}

function dataDescriptor(entry: ZipEntry, zip64: boolean): Uint8Array {
  const bytes = new Uint8Array(zip64 ? 24 : 16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x08074b50, true);
  view.setUint32(4, entry.crc, true);
  if (zip64) {
    setUint64(view, 8, entry.compressedSize);
    setUint64(view, 16, entry.size);
  } else {
    view.setUint32(8, entry.compressedSize, true);
    view.setUint32(12, entry.size, true);
  }
  return bytes;
}

function centralRecord(entry: ZipEntry, zip: HeaderFields, streamed: boolean): Uint8Array {
  const zip64 = zip.zip64(entry);
  const extra = zip64 ? 28 : 0;
  const bytes = new Uint8Array(46 + entry.name.length + extra);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x02014b50, true);
  view.setUint16(4, VERSION_MADE_BY, true);
  view.setUint16(6, zip64 ? 45 : 20, true);
  view.setUint16(8, streamed ? UTF8_NAMES | DATA_DESCRIPTOR : UTF8_NAMES, true);
  view.setUint16(10, zip.method, true);
  view.setUint16(12, zip.dosTime, true);
  view.setUint16(14, zip.dosDate, true);
  view.setUint32(16, entry.crc, true);
  view.setUint32(20, zip64 ? 0xffffffff : entry.compressedSize, true);
  view.setUint32(24, zip64 ? 0xffffffff : entry.size, true);
  view.setUint16(28, entry.name.length, true);
  view.setUint16(30, extra, true);
  view.setUint32(38, (0o100644 << 16) >>> 0, true);
  view.setUint32(42, zip64 ? 0xffffffff : entry.offset, true);
  bytes.set(entry.name, 46);
  if (zip64) {
    const at = 46 + entry.name.length;
    view.setUint16(at, 0x0001, true);
    view.setUint16(at + 2, 24, true);
    setUint64(view, at + 4, entry.size);
    setUint64(view, at + 12, entry.compressedSize);
    setUint64(view, at + 20, entry.offset);
  }
  return bytes;
}

/** The end of central directory record, after the zip64 record and locator where yazl writes them. */
function endOfCentralDirectory(count: number, start: number, size: number, cursor: number, force: boolean): Uint8Array {
  const manyEntries = force || count >= 0xffff;
  const bigSize = force || size >= 0xffffffff;
  const farStart = force || start >= 0xffffffff;
  const zip64 = manyEntries || bigSize || farStart;
  const bytes = new Uint8Array((zip64 ? 56 + 20 : 0) + 22);
  const view = new DataView(bytes.buffer);
  let at = 0;
  if (zip64) {
    view.setUint32(0, 0x06064b50, true);
    setUint64(view, 4, 56 - 12);
    view.setUint16(12, VERSION_MADE_BY, true);
    view.setUint16(14, 45, true);
    setUint64(view, 24, count);
    setUint64(view, 32, count);
    setUint64(view, 40, size);
    setUint64(view, 48, start);
    view.setUint32(56, 0x07064b50, true);
    setUint64(view, 64, cursor);
    view.setUint32(72, 1, true);
    at = 76;
  }
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, manyEntries ? 0xffff : count, true);
  view.setUint16(at + 10, manyEntries ? 0xffff : count, true);
  view.setUint32(at + 12, bigSize ? 0xffffffff : size, true);
  view.setUint32(at + 16, farStart ? 0xffffffff : start, true);
  return bytes;
}

function setUint64(view: DataView, at: number, n: number): void {
  view.setUint32(at, n % 0x100000000, true);
  view.setUint32(at + 4, Math.floor(n / 0x100000000), true);
}

/** MS-DOS time and date of `mtime`'s UTC fields (clamped to 1980–2107, as yazl). */
function dosDateTime(mtime: Date): { time: number; date: number } {
  let year = mtime.getUTCFullYear();
  let [month, day, hours, minutes, seconds] = [mtime.getUTCMonth() + 1, mtime.getUTCDate(), mtime.getUTCHours(), mtime.getUTCMinutes(), mtime.getUTCSeconds()];
  if (year < 1980) [year, month, day, hours, minutes, seconds] = [1980, 1, 1, 0, 0, 0];
  else if (year > 2107) [year, month, day, hours, minutes, seconds] = [2107, 12, 31, 23, 59, 58];
  return {
    date: (day & 0x1f) | ((month & 0xf) << 5) | (((year - 1980) & 0x7f) << 9),
    time: Math.floor(seconds / 2) | ((minutes & 0x3f) << 5) | ((hours & 0x1f) << 11),
  };
}
