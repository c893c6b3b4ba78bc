// Byte helpers that need no Node `Buffer`: the writers' shared code runs in every runtime.

/** The bytes of `parts` one after another, in a new array (the one part itself when there is one). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  let size = 0;
  for (const part of parts) size += part.length;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** Each character of `text` (all below U+0100) as one byte, as Node's 'latin1'. */
export function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/** UTF-8 length of `text` in bytes, a lone surrogate counted as U+FFFD (3 bytes), as `Buffer.byteLength`. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The base64 alphabet as ASCII codes. */
const ALPHABET = /* @__PURE__ */ Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) => c.charCodeAt(0));
const ASCII = /* @__PURE__ */ new TextDecoder();
const PAD = 61; // '='

/**
 * Standard base64 (with `=` padding) of `bytes`, as `Buffer#toString('base64')`. The ASCII is built
 * as bytes and decoded once: a string grown by `+=` would be a rope of one piece per 3 bytes, some
 * 25 times the size of the bytes until it is flattened (a 50 MB Buffer cell took 1.2 GB).
 */
export function base64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let i = 0;
  let o = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = ALPHABET[n >> 18] as number;
    out[o++] = ALPHABET[(n >> 12) & 63] as number;
    out[o++] = ALPHABET[(n >> 6) & 63] as number;
    out[o++] = ALPHABET[n & 63] as number;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out[o++] = ALPHABET[n >> 18] as number;
    out[o++] = ALPHABET[(n >> 12) & 63] as number;
    out[o++] = rest === 2 ? (ALPHABET[(n >> 6) & 63] as number) : PAD;
    out[o] = PAD;
  }
  return ASCII.decode(out);
}

/** True for an `ArrayBuffer` or (where the runtime has one) a `SharedArrayBuffer`. */
export function isArrayBuffer(value: unknown): value is ArrayBufferLike {
  return value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer);
}
