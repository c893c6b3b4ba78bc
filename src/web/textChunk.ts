import type { TextChunk } from '../platform/platform.js';

const UTF8 = /* @__PURE__ */ new TextEncoder();

/**
 * One output chunk of UTF-8 text, without `Buffer`: the pieces are kept as strings and encoded
 * once, joined, when the chunk is taken (a join makes a flat string, not a rope, and one
 * `TextEncoder` call beats many). A piece that ends with a high surrogate is encoded at once, so
 * that it can never pair with the next piece's low one: the bytes are those of each piece alone,
 * as on Node (a lone surrogate is U+FFFD).
 */
export class WebTextChunk implements TextChunk {
  chars = 0;
  private readonly pieces: string[] = [];
  private done: Uint8Array[] = []; // pieces already encoded (only after a piece that ends in a high surrogate)
  private lastBytes: Uint8Array | undefined;
  private lastText = '';

  add(text: string): void {
    this.pieces.push(text);
    this.chars += text.length;
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) this.settle();
  }

  addBytes(bytes: Uint8Array, chars: number): void {
    // The same line ending every row: its text is made once.
    if (bytes !== this.lastBytes) {
      this.lastBytes = bytes;
      this.lastText = String.fromCharCode(...bytes);
    }
    this.pieces.push(this.lastText);
    this.chars += chars;
  }

  take(prefix?: Uint8Array): Uint8Array {
    this.settle();
    const parts = this.done;
    this.done = [];
    this.chars = 0;
    const size = (prefix?.length ?? 0) + parts.reduce((sum, part) => sum + part.length, 0);
    if (prefix === undefined && parts.length === 1) return parts[0] as Uint8Array;
    const bytes = new Uint8Array(size);
    let at = 0;
    if (prefix) {
      bytes.set(prefix, 0);
      at = prefix.length;
    }
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    return bytes;
  }

  // --- internal ---

  private settle(): void {
    if (this.pieces.length === 0) return;
    this.done.push(UTF8.encode(this.pieces.join('')));
    this.pieces.length = 0;
  }
}
