import { execFileSync } from 'node:child_process';
import { crc32, deflateSync } from 'node:zlib';
import { PYTHON } from './tools.js';

/**
 * A real PNG (8-bit RGB), each pixel from `colour(x, y)` (`[r, g, b]`); default: a two-colour
 * diagonal, so every image of another size has other bytes.
 */
export function png(width: number, height: number, colour: (x: number, y: number) => readonly [number, number, number] = diagonal): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set(colour(x, y), row + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real JPEG of one colour, made by Pillow (the python that has openpyxl); needs {@link PYTHON}. */
export function jpeg(width: number, height: number, rgb: readonly [number, number, number] = [200, 40, 40]): Buffer {
  const script = `import io, sys\nfrom PIL import Image\nb = io.BytesIO()\nImage.new('RGB', (${width}, ${height}), (${rgb.join(',')})).save(b, 'JPEG')\nsys.stdout.buffer.write(b.getvalue())`;
  return execFileSync(PYTHON, ['-c', script], { maxBuffer: 64 * 1024 * 1024 });
}

/** The smallest JPEG header with a frame: SOI, an APP0 segment, then SOF0 giving the size (no image data). */
export function jpegHeaderOnly(width: number, height: number, frameMarker = 0xc0): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof = [0xff, frameMarker, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof]);
}

// --- internal ---

function diagonal(x: number, y: number): readonly [number, number, number] {
  return x > y ? [31, 56, 100] : [237, 125, 49];
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
