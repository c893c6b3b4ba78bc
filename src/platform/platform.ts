import type { CallbackWatch } from '../base/callUser.js';

/**
 * What the writers need from the runtime, and nothing more: a way to turn text into byte chunks and a
 * zip container. The rows, cells, CSV and XLSX code above this seam is the same everywhere; the Node
 * entry (`rowport`) passes Node's implementations (`Buffer`, deflate by `node:zlib` on the libuv pool), the web entry
 * (`rowport/web`) passes Web-standard ones (`TextEncoder`, `CompressionStream`).
 */
export interface Platform {
  /** A fresh builder of one output chunk of UTF-8 text. */
  textChunk(): TextChunk;
  /**
   * A zip container whose entries are written in the order they are added.
   * @param mtime - Wall-clock time of every entry, read in UTC.
   * @param compressionLevel - 0 stores; anything else deflates (the web deflates at its platform's level).
   * @param forceZip64 - Write zip64 records even for small entries (tests of readers only).
   */
  zip(mtime: Date, compressionLevel: number, forceZip64: boolean): ZipSink;
}

/**
 * Text encoded to UTF-8 piece by piece, taken out as one chunk. Every piece ends with a complete
 * character (the writers add whole rows), and a lone surrogate becomes U+FFFD.
 */
export interface TextChunk {
  /** UTF-16 code units added since the last take (what writers compare with `CHUNK_CHARS`). */
  readonly chars: number;
  /** Adds text. */
  add(text: string): void;
  /** Adds bytes (ASCII only) that stand for `chars` characters, e.g. a pre-encoded line ending. */
  addBytes(bytes: Uint8Array, chars: number): void;
  /** The bytes added since the last take, after `prefix` (e.g. a BOM), in a new array; empties the chunk. */
  take(prefix?: Uint8Array): Uint8Array;
}

/** A zip being written: small entries whole, big ones in pieces, its bytes read from `output`. */
export interface ZipSink {
  /** The zip bytes, in order. */
  readonly output: AsyncIterable<Uint8Array>;
  /** Adds a small entry whole. */
  addBuffer(name: string, data: string | Uint8Array): void;
  /** Adds an entry written in pieces; it is zipped once the entries before it are done. */
  openEntry(name: string): ZipEntrySink;
  /** No more entries: the central directory follows once every entry is done. */
  end(): void;
  /** Stops everything; `output` ends with `error` (or is simply closed). */
  destroy(error?: Error): void;
}

/** One entry of a {@link ZipSink} written in pieces, with backpressure. */
export interface ZipEntrySink {
  /** Writes text (or its UTF-8 bytes); the promise (when one is returned) resolves once the entry wants more. */
  write(data: string | Uint8Array): Promise<void> | undefined;
  /** Ends the entry. */
  end(): void;
}

/**
 * A writer's bytes before they become a Node `Readable` or a WHATWG `ReadableStream`: the chunks
 * (pulled one at a time), the `signal`, how to close the sources while a read is still awaited,
 * and the rows written so far.
 */
export interface ByteSource {
  readonly chunks: AsyncGenerator<Uint8Array, void, undefined>;
  readonly signal: AbortSignal | undefined;
  /** Closes every source (calls their iterators' `return()` once), even while a read is awaited. */
  readonly cancel: () => Promise<void> | void;
  /** Rows written so far. */
  readonly rows: () => number;
  /** The promises the user's callbacks returned: the stream fails with the first rejection (`onFailure`). */
  readonly watch?: CallbackWatch | undefined;
}
