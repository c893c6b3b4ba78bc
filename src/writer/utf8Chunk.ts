import { CHUNK_CHARS } from './chunks.js';

/**
 * Text encoded to UTF-8 piece by piece into a reused buffer, taken out as one chunk. V8 encodes
 * many short strings much faster than one long string built by `+=` (a deep rope it must flatten
 * first), so writers add each row as they make it and take the bytes once a chunk is full.
 */
export class Utf8Chunk {
  /** UTF-16 code units added since the last take (what writers compare with `CHUNK_CHARS`). */
  chars = 0;
  private buffer = Buffer.allocUnsafe(4 * CHUNK_CHARS);
  private used = 0;

  /** Adds text; lone surrogates become U+FFFD, as `Buffer.from(text)` writes them. */
  add(text: string): void {
    const room = 3 * text.length; // UTF-8 needs at most 3 bytes per UTF-16 code unit
    if (this.buffer.length - this.used < room) this.grow(this.used + room);
    this.used += this.buffer.write(text, this.used, 'utf8');
    this.chars += text.length;
  }

  /** Bytes added since the last take. */
  get length(): number {
    return this.used;
  }

  /** True when the bytes added from byte `from` on (see {@link length}) hold `bytes`. */
  holds(bytes: Uint8Array, from: number): boolean {
    return this.buffer.subarray(from, this.used).indexOf(bytes) !== -1;
  }

  /** Adds bytes that stand for `chars` characters (e.g. a pre-encoded line ending). */
  addBytes(bytes: Uint8Array, chars: number): void {
    if (this.buffer.length - this.used < bytes.length) this.grow(this.used + bytes.length);
    for (let i = 0; i < bytes.length; i++) this.buffer[this.used++] = bytes[i] as number;
    this.chars += chars;
  }

  /** The bytes added since the last take, after `prefix` (e.g. a BOM), in a new Buffer; empties the chunk. */
  take(prefix?: Uint8Array): Buffer {
    const start = prefix?.length ?? 0;
    const bytes = Buffer.allocUnsafe(start + this.used);
    if (prefix) bytes.set(prefix, 0);
    this.buffer.copy(bytes, start, 0, this.used);
    this.used = 0;
    this.chars = 0;
    return bytes;
  }

  // --- internal ---

  private grow(size: number): void {
    const larger = Buffer.allocUnsafe(Math.max(size, 2 * this.buffer.length));
    this.buffer.copy(larger, 0, 0, this.used);
    this.buffer = larger;
  }
}
