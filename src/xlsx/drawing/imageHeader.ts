import { invalidOption } from '../../errors.js';

/** The image formats a sheet takes. */
export type ImageFormat = 'png' | 'jpeg';

/** What an image's header says: its format and its size in pixels. */
export interface ImageHeader {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

/**
 * Reads the format and pixel size of PNG or JPEG bytes from their header: a PNG's `IHDR` chunk, a
 * JPEG's first frame marker (`SOF0`…`SOF15`, not `DHT`, `JPG`, `DAC`). Nothing past the header is
 * read or checked.
 * @param bytes - The image's bytes.
 * @param option - The option path for messages: `images[0].image`, `sheets[1].logo.image`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming `option` for bytes that are not a PNG or a
 *   JPEG, or whose header is cut short.
 * @example readImageHeader(png, 'images[0].image') //=> { format: 'png', width: 120, height: 40 }
 */
export function readImageHeader(bytes: Uint8Array, option: string): ImageHeader {
  const header = PNG_SIGNATURE.every((b, i) => bytes[i] === b) ? pngHeader(bytes) : bytes[0] === 0xff && bytes[1] === 0xd8 ? jpegHeader(bytes) : undefined;
  if (typeof header === 'string') throw invalidOption(option, 'the bytes of a PNG or JPEG image', bytes, header);
  if (header === undefined) {
    const start = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    throw invalidOption(
      option,
      'the bytes of a PNG or JPEG image',
      bytes,
      `Its ${bytes.length} bytes start with ${start || '(nothing)'}, not a PNG or JPEG signature`,
    );
  }
  return header;
}

// --- internal ---

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG's size from its `IHDR`, which must come first; a string saying what is wrong otherwise. */
function pngHeader(bytes: Uint8Array): ImageHeader | string {
  if (bytes.length < 24) return `The PNG header is cut short: ${bytes.length} bytes, its IHDR chunk needs 24`;
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return 'The PNG does not start with its IHDR chunk';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) return `The PNG header gives a size of ${width} × ${height} pixels`;
  return { format: 'png', width, height };
}

/** A JPEG's size from its first frame header (SOFn); a string saying what is wrong otherwise. */
function jpegHeader(bytes: Uint8Array): ImageHeader | string {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return `The JPEG has no marker at byte ${at}`;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (isFrameMarker(marker)) {
      if (at + 9 > bytes.length) break;
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      if (width === 0 || height === 0) return `The JPEG frame header gives a size of ${width} × ${height} pixels`;
      return { format: 'jpeg', width, height };
    }
    if (marker === 0xda || marker === 0xd9) return 'The JPEG has no frame header (SOFn) before its image data';
    if (length < 2) return `The JPEG has a segment of length ${length} at byte ${at}`;
    at += 2 + length;
  }
  return `The JPEG header is cut short: ${bytes.length} bytes, without a frame header (SOFn)`;
}

/** SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}
