import type IconvLite from 'iconv-lite';
import { invalidOption } from '../errors.js';
import type { Lazy } from '../base/lazy.js';
import { encodesReplacementChar, encodingExists } from './encodingNames.js';

/** iconv-lite, loaded on first need (`./iconv.ts`), where the runtime can run it: the Node entry. */
export type LegacyCodecs = Lazy<typeof IconvLite>;

/** What the web entry writes without iconv-lite (whose `Buffer` it does not have). */
export const WEB_ENCODINGS = "'utf-8', 'utf-16le' or 'utf-16be'";

/** How text becomes bytes for one encoding. */
export interface TextEncoder {
  /** Canonical name, e.g. `utf-8`, `utf-16le`, `windows-1251`. */
  readonly name: string;
  /** True for UTF-8 and UTF-16: a BOM is written by default. */
  readonly unicode: boolean;
  /** The byte order mark of this encoding (empty when it has none). */
  readonly bom: Uint8Array;
  /** Encodes text; characters the encoding lacks become `?` (lone surrogates U+FFFD, in UTF-8 and UTF-16). */
  encode(text: string): Uint8Array;
  /** Index of the first character in `text` this encoding cannot hold, or would read back as another, or -1. */
  firstUnmappable(text: string): number;
  /** Check of an encoded chunk: false when some character was replaced, or its bytes read back as
   *  another character (Shift_JIS writes `¥` as the byte of `\`). */
  lossless(text: string, bytes: Uint8Array): boolean;
  /** `text` with each character {@link firstUnmappable} would name as `?` (one per character, astral too). */
  replaceUnmappable(text: string): string;
}

/**
 * The encoder for an iconv-lite encoding name. UTF-8 and UTF-16 need nothing but the language;
 * every other encoding needs `legacy` (iconv-lite), which the web entry does not have.
 * @param legacy - iconv-lite, loaded on first need; without it a legacy encoding is refused.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` for an encoding iconv-lite does not know, or a
 *   legacy encoding without `legacy`.
 */
export function createEncoder(encoding: string, legacy?: LegacyCodecs): TextEncoder {
  if (typeof encoding !== 'string' || !encodingExists(encoding)) {
    throw invalidOption('encoding', "an encoding iconv-lite knows ('utf-8', 'utf-16le', 'windows-1251', 'shift_jis', …)", encoding);
  }
  const key = encoding.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (key === 'utf8') return { ...unicodeEncoder('utf-8', new Uint8Array([0xef, 0xbb, 0xbf])), encode: (text) => UTF8.encode(text) };
  if (key === 'utf16le' || key === 'utf16' || key === 'ucs2') return unicodeEncoder('utf-16le', new Uint8Array([0xff, 0xfe]));
  if (key === 'utf16be') return { ...unicodeEncoder('utf-16be', new Uint8Array([0xfe, 0xff])), encode: (text) => utf16(wellFormed(text), false) };
  // iconv-lite's `utf-32` and `ucs4` start every encoded chunk with a BOM, and `base64`/`hex` are not text encodings.
  if (UNWRITABLE.has(key)) throw invalidOption('encoding', "a text encoding that writes no BOM of its own ('utf-32le' or 'utf-32be' for UTF-32)", encoding);
  if (legacy === undefined) {
    throw invalidOption(
      'encoding',
      `${WEB_ENCODINGS} in rowport/web`,
      encoding,
      "Other encodings need iconv-lite, which needs Node's Buffer: write them with the 'rowport' entry (Node, Deno, Bun)",
    );
  }
  void legacy.start(); // the stream waits for it before the first row
  return legacyEncoder(encoding.toLowerCase(), legacy);
}

// --- internal ---

const UTF8 = /* @__PURE__ */ new globalThis.TextEncoder();

/** Names (lower case, letters and digits) of iconv-lite encodings a CSV cannot be written in. */
const UNWRITABLE = new Set(['utf32', 'ucs4', 'base64', 'hex']);

/**
 * UTF-16 code units as bytes, little- or big-endian. Lone surrogates were replaced before (see
 * {@link wellFormed}); a surrogate pair is two units, written as they are.
 */
function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 * text.length);
  const low = littleEndian ? 0 : 1;
  for (let i = 0, at = 0; i < text.length; i++, at += 2) {
    const unit = text.charCodeAt(i);
    bytes[at + low] = unit & 0xff;
    bytes[at + 1 - low] = unit >>> 8;
  }
  return bytes;
}

function unicodeEncoder(name: string, bom: Uint8Array): TextEncoder {
  return {
    name,
    unicode: true,
    bom,
    encode: (text) => utf16(wellFormed(text), true),
    lossless: (text) => text.isWellFormed(),
    replaceUnmappable: wellFormed, // the encoders write U+FFFD for a lone surrogate
    firstUnmappable: firstLoneSurrogate,
  };
}

/**
 * `text` with each lone surrogate as U+FFFD. UTF-8 does this itself; UTF-16 (Node's and iconv-lite's)
 * writes the lone unit as it is, which no UTF-16 reader accepts (python's codec fails on it).
 */
function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/**
 * An iconv-lite encoding. A chunk is exact when its bytes decode back to its text: that catches both
 * the `?` iconv-lite writes for a character the encoding lacks (two for an astral one) and the
 * characters it writes as the bytes of another (Shift_JIS and EUC-JP `¥` and `‾` as `\` and `~`, a
 * few private-use characters in GBK, U+FEFF in UTF-7), which would otherwise read back changed.
 * A code page has no U+FFFD: iconv-lite writes it as an undefined byte (0x9D in windows-1252), which it
 * alone reads back as U+FFFD, so U+FFFD is unmappable there. One decode per chunk, not per cell; the
 * per-character test below runs only on a chunk that failed.
 */
function legacyEncoder(name: string, legacy: LegacyCodecs): TextEncoder {
  const iconv = (): typeof IconvLite => legacy.get();
  const holdsReplacement = encodesReplacementChar(name);
  const decode = (bytes: Uint8Array): string => iconv().decode(bytes as Buffer, name, { stripBOM: false });
  // 0 unknown, 1 encodable, 2 not; filled lazily, per BMP code unit
  const table = new Uint8Array(65_536);
  const encodable = (char: string): boolean => {
    const code = char.charCodeAt(0);
    if (char.length === 1) {
      const known = table[code];
      if (known) return known === 1;
    }
    const ok = (holdsReplacement || char !== '\uFFFD') && decode(iconv().encode(char, name)) === char;
    if (char.length === 1) table[code] = ok ? 1 : 2;
    return ok;
  };
  const firstUnmappable = (text: string, from = 0): number => {
    for (let i = from; i < text.length; i++) {
      const pair = isPair(text, i);
      if (!encodable(pair ? text.slice(i, i + 2) : (text[i] as string))) return i;
      if (pair) i++;
    }
    return -1;
  };
  return {
    name,
    unicode: false,
    bom: new Uint8Array(0),
    encode: (text) => iconv().encode(text, name),
    lossless: (text, bytes) => (holdsReplacement || !text.includes('\uFFFD')) && decode(bytes) === text,
    firstUnmappable,
    replaceUnmappable: (text) => {
      let out = '';
      let kept = 0; // text before this index is in `out`
      for (let i = firstUnmappable(text); i !== -1; i = firstUnmappable(text, kept)) {
        out += `${text.slice(kept, i)}?`;
        kept = i + (isPair(text, i) ? 2 : 1);
      }
      return out + text.slice(kept);
    },
  };
}

/** True when a surrogate pair (one character past U+FFFF) starts at `i`. */
function isPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
}

/** The index of the first lone surrogate of `text` (which no Unicode encoding holds), or -1. */
export function firstLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}
