import type IconvLite from 'iconv-lite';
import { concatBytes, utf8Length } from '../platform/bytes.js';
import { encodesReplacementChar } from './encodingNames.js';

/** What to do with bytes that are not valid in the input's encoding. */
export type InvalidBytes = 'error' | 'replace';

/** Raised by {@link CsvDecoder} for invalid bytes under `invalid: 'error'`. */
export class InvalidBytesError extends Error {
  /** The text decoded before the first invalid byte. */
  readonly before: string;
  constructor(encoding: string, before: string) {
    super(`bytes that are not valid ${encoding}`);
    this.before = before;
  }
}

/** UTF-8 or UTF-16 (LE/BE), which are decoded without iconv-lite. */
export function isUnicode(encoding: string): boolean {
  return unicodeKind(encoding) !== undefined;
}

/** True when `invalid: 'error'` can be honoured for `encoding` (see {@link CsvDecoder}). */
export function canCheckInvalid(encoding: string): boolean {
  return unicodeKind(encoding) !== undefined || !encodesReplacementChar(encoding);
}

/**
 * Bytes to text, chunk by chunk: a UTF-8 or UTF-16 byte order mark decides the encoding (and is
 * dropped), even when it arrives split across chunks; otherwise `encoding`. UTF-8 and UTF-16 go
 * through `TextDecoder` (WHATWG rules, invalid sequences become U+FFFD), the rest through iconv-lite.
 * With `invalid: 'error'`, the first invalid byte raises {@link InvalidBytesError}: checked
 * exactly for UTF-8 and UTF-16, and for encodings that cannot encode U+FFFD by the U+FFFD that
 * iconv-lite puts in its place.
 */
export class CsvDecoder {
  /**
   * Where in the text the last `write()` or `end()` returned the first invalid byte sequence was read
   * as U+FFFD, or -1 (also when not `track`ed, or when the encoding can write U+FFFD itself).
   */
  replaced = -1;
  /** The name of the encoding being decoded, once the BOM has decided it. */
  decoding: string;
  private pending: Uint8Array | undefined = new Uint8Array(0); // bytes held while the BOM is undecided
  private decode: ((bytes: Uint8Array) => string) | undefined;
  private flush: (() => string) | undefined;

  /**
   * @param iconv - iconv-lite, loaded by the caller when `encoding` is not UTF-8 or UTF-16.
   * @param track - Find the replacements of `invalid: 'replace'` (see {@link replaced}).
   */
  constructor(
    private readonly encoding: string,
    private readonly invalid: InvalidBytes,
    private readonly iconv: typeof IconvLite | undefined,
    private readonly track = false,
  ) {
    this.decoding = encoding;
  }

  /** The text of the next chunk (possibly empty). */
  write(chunk: Uint8Array): string {
    this.replaced = -1;
    if (this.decode === undefined) {
      const held = this.pending!.length === 0 ? chunk : concatBytes([this.pending!, chunk]);
      const bom = sniffBom(held, this.encoding);
      if (bom === undefined) {
        this.pending = held;
        return '';
      }
      this.pending = undefined;
      this.start(bom.encoding ?? this.encoding);
      return this.decode!(held.subarray(bom.length));
    }
    return this.decode(chunk);
  }

  /** The text still held at the end of the input. */
  end(): string {
    this.replaced = -1;
    if (this.decode === undefined) {
      const held = this.pending!;
      this.start(this.encoding);
      const text = this.decode!(held);
      const first = this.replaced;
      const rest = this.flush!();
      if (first !== -1) this.replaced = first;
      else if (this.replaced !== -1) this.replaced += text.length;
      return text + rest;
    }
    return this.flush!();
  }

  private start(encoding: string): void {
    this.decoding = encoding;
    const kind = unicodeKind(encoding);
    if (kind !== undefined) this.startUnicode(kind);
    else this.startIconv(encoding);
  }

  /** UTF-8 and UTF-16: whole characters go to a fresh `decode()`, the split tail waits for the next chunk. */
  private startUnicode(kind: UnicodeKind): void {
    const fatal = this.invalid === 'error';
    const decoder = new TextDecoder(kind, { fatal, ignoreBOM: true });
    const split = kind === 'utf-8' ? utf8Split : kind === 'utf-16le' ? utf16Split(true) : utf16Split(false);
    let tail: Uint8Array = new Uint8Array(0);
    const track = this.track && !fatal;
    const run = (bytes: Uint8Array): string => {
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch (_error) {
        throw new InvalidBytesError(NAMES[kind], validPrefix(kind, bytes));
      }
      if (track) this.replaced = firstReplaced(kind, bytes, text);
      return text;
    };
    this.decode = (chunk) => {
      const bytes = tail.length === 0 ? chunk : concatBytes([tail, chunk]);
      const cut = split(bytes);
      tail = bytes.slice(cut);
      return cut === 0 ? '' : run(bytes.subarray(0, cut));
    };
    this.flush = () => (tail.length === 0 ? '' : run(tail));
  }

  private startIconv(encoding: string): void {
    // only reached for the declared encoding: a BOM names UTF-8 or UTF-16, or is the declared UTF-32's own
    if (this.iconv === undefined) throw new Error(`iconv-lite is needed for ${encoding}`);
    const decoder = this.iconv.getDecoder(encoding, { stripBOM: true });
    const check = this.invalid === 'error';
    const track = this.track && !check && !encodesReplacementChar(encoding);
    const name = encoding;
    const guard = (text: string): string => {
      const bad = check ? text.indexOf('\uFFFD') : -1;
      if (bad !== -1) throw new InvalidBytesError(name, text.slice(0, bad));
      if (track) this.replaced = text.indexOf('\uFFFD'); // only a replacement: the encoding has no U+FFFD of its own
      return text;
    };
    // After an invalid lead byte that ends a write, iconv-lite's double-byte decoders drop the last
    // byte of the next write (0x82 | 0x2C 0x2C reads '�,'): each write ends at a character boundary.
    let held: Uint8Array | undefined;
    this.decode = (chunk) => {
      const bytes = held === undefined ? chunk : concatBytes([held, chunk]);
      const cut = boundary(bytes);
      held = cut === bytes.length ? undefined : bytes.slice(cut);
      return cut === 0 ? '' : guard(decoder.write(bytes.subarray(0, cut) as Buffer));
    };
    this.flush = () => {
      const text = held === undefined ? '' : decoder.write(held as Buffer);
      const end: unknown = decoder.end(); // cesu8's returns the number 0, which `+` would append as "0"
      return guard(typeof end === 'string' ? text + end : text);
    };
  }
}

/** Whether `encoding` names UTF-8 (`'utf-8'`, `'UTF8'`, …). */
export function isUtf8(encoding: string): boolean {
  return unicodeKind(encoding) === 'utf-8';
}

// --- internal ---

type UnicodeKind = 'utf-8' | 'utf-16le' | 'utf-16be';
const NAMES: Record<UnicodeKind, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' };

function unicodeKind(encoding: string): UnicodeKind | undefined {
  const name = encoding.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (name === 'utf8') return 'utf-8';
  if (name === 'utf16le' || name === 'ucs2') return 'utf-16le';
  if (name === 'utf16be') return 'utf-16be';
  return undefined;
}

/**
 * The BOM at the start of `bytes` (`encoding` undefined: none, or the `declared` encoding's own), or
 * undefined while too few bytes have come to tell. A declared UTF-32's LE BOM (FF FE 00 00) starts
 * as UTF-16LE's does: it is told by its two NULs, and left to the UTF-32 decoder.
 */
function sniffBom(bytes: Uint8Array, declared: string): { encoding: UnicodeKind | undefined; length: number } | undefined {
  const none = { encoding: undefined, length: 0 };
  const n = bytes.length;
  if (n === 0) return undefined;
  const [a, b, c, d] = bytes;
  if (a === 0xff && isUtf32(declared) && (n < 2 || b === 0xfe)) {
    if (n < 4) return undefined;
    if (c === 0 && d === 0) return { encoding: undefined, length: 0 }; // iconv-lite's decoder reads (and drops) it
  }
  if (a === 0xef) {
    if (n >= 2 && b !== 0xbb) return none;
    if (n >= 3) return c === 0xbf ? { encoding: 'utf-8', length: 3 } : none;
    return undefined;
  }
  if (a === 0xff || a === 0xfe) {
    if (n < 2) return undefined;
    if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
    if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
    return none;
  }
  return none;
}

/** Whether `encoding` names UTF-32 (`'utf-32'`, `'UTF32LE'`, `'ucs4'`, …), whose LE BOM starts as UTF-16LE's. */
function isUtf32(encoding: string): boolean {
  return /^(utf32|ucs4)(le|be)?$/.test(encoding.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/** Bytes a legacy decoder is given at most beyond its last sure character boundary. */
const MAX_HELD = 64 * 1024;

/**
 * Where the input to a legacy (iconv-lite) decoder can be cut: after the last byte below 0x30 (line
 * ends, `,`, `;`, `"`, space, TAB, digits aside). Such a byte is a character of its own in every
 * encoding iconv-lite decodes, never the second byte of a pair (those start at 0x40; GB 18030's
 * four-byte sequences use 0x30-0x39). With none, 0 (all is held), or all of `bytes` once they pass
 * {@link MAX_HELD}, so that a long run of double-byte text does not wait for its end.
 */
function boundary(bytes: Uint8Array): number {
  const stop = Math.max(0, bytes.length - MAX_HELD);
  for (let i = bytes.length - 1; i >= stop; i--) if ((bytes[i] as number) < 0x30) return i + 1;
  return stop > 0 ? bytes.length : 0;
}

/** Where the last complete UTF-8 character of `bytes` ends (an invalid tail is left to the decoder). */
function utf8Split(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const byte = bytes[n - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Where the last complete UTF-16 character ends: an odd byte or a leading surrogate waits. */
function utf16Split(littleEndian: boolean): (bytes: Uint8Array) => number {
  return (bytes) => {
    let cut = bytes.length & ~1;
    if (cut >= 2) {
      const unit = uint16(bytes, cut - 2, littleEndian);
      if (unit >= 0xd800 && unit <= 0xdbff) cut -= 2;
    }
    return cut;
  };
}

/**
 * Where in `text`, the lenient decoding of `bytes`, the first invalid sequence was read as U+FFFD, or
 * -1: each U+FFFD found is checked against the bytes, which hold a real U+FFFD's own encoding there
 * when it is one. Linear, and only a scan for U+FFFD when there is none.
 */
function firstReplaced(kind: UnicodeKind, bytes: Uint8Array, text: string): number {
  let at = 0; // byte offset of text[from]: the text before a first replacement encodes to the same bytes
  let from = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', from)) {
    at += kind === 'utf-8' ? utf8Length(text.slice(from, i)) : 2 * (i - from);
    const real =
      kind === 'utf-8'
        ? bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd
        : at + 1 < bytes.length && uint16(bytes, at, kind === 'utf-16le') === 0xfffd;
    if (!real) return i;
    at += kind === 'utf-8' ? 3 : 2;
    from = i + 1;
  }
  return -1;
}

/** The 16-bit unit at `at`, little- or big-endian. */
function uint16(bytes: Uint8Array, at: number, littleEndian: boolean): number {
  const a = bytes[at] as number;
  const b = bytes[at + 1] as number;
  return littleEndian ? a | (b << 8) : (a << 8) | b;
}

/** The text before the first invalid byte of `bytes` (which starts on a character boundary). */
function validPrefix(kind: UnicodeKind, bytes: Uint8Array): string {
  const valid = (length: number): boolean => {
    try {
      new TextDecoder(kind, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let low = 0; // valid
  let high = bytes.length; // invalid
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (valid(mid)) low = mid;
    else high = mid;
  }
  return new TextDecoder(kind, { ignoreBOM: true }).decode(bytes.subarray(0, low), { stream: true });
}
