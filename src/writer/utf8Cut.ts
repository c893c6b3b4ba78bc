import { utf8Length } from '../platform/bytes.js';

/** Longest file name most file systems take (ext4, APFS, NTFS in UTF-16 units, XFS, btrfs), in UTF-8 bytes. */
export const MAX_NAME_BYTES = 255;

/** `text` cut to at most `maxBytes` UTF-8 bytes, at a code point boundary (a surrogate pair stays whole). */
export function cutUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8Length(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
