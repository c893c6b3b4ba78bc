import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../../src/xlsx/drawing/imageHeader.js';
import { jpegHeaderOnly, png } from '../../helpers/images.js';

const invalid = (hint: string) =>
  expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringMatching(new RegExp(`^Invalid option \`images\\[0\\]\\.image\`.*${hint}`)) });

describe('readImageHeader', () => {
  it("reads a PNG's size from its IHDR", () => {
    expect(readImageHeader(png(123, 45), 'images[0].image')).toEqual({ format: 'png', width: 123, height: 45 });
  });

  it("reads a JPEG's size from its first frame header, baseline or progressive, past other segments", () => {
    expect(readImageHeader(jpegHeaderOnly(640, 480), 'x')).toEqual({ format: 'jpeg', width: 640, height: 480 });
    expect(readImageHeader(jpegHeaderOnly(3000, 2000, 0xc2), 'x')).toEqual({ format: 'jpeg', width: 3000, height: 2000 });
    // A DHT segment (C4) is no frame: the size comes from the SOF after it.
    const withDht = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xc4, 0x00, 0x04, 0x00, 0x00]), jpegHeaderOnly(7, 9).subarray(2)]);
    expect(readImageHeader(withDht, 'x')).toEqual({ format: 'jpeg', width: 7, height: 9 });
  });

  it.each([
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'start with 47 49 46 38, not a PNG or JPEG signature'],
    ['no bytes', Buffer.alloc(0), 'start with \\(nothing\\)'],
    ['a PNG cut inside its header', png(10, 10).subarray(0, 20), 'PNG header is cut short: 20 bytes'],
    ['a PNG without IHDR first', Buffer.concat([png(2, 2).subarray(0, 12), Buffer.from('IDAT'), Buffer.alloc(8)]), 'does not start with its IHDR'],
    ['a JPEG cut before its frame header', jpegHeaderOnly(10, 10).subarray(0, 22), 'JPEG header is cut short'],
    ['a JPEG cut inside its frame header', jpegHeaderOnly(10, 10).subarray(0, 26), 'JPEG header is cut short'],
    ['a JPEG whose image data comes before a frame', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x00, 0x00]), 'no frame header'],
    ['a JPEG with garbage after SOI', Buffer.from([0xff, 0xd8, 0x12, 0x34, 0x56, 0x78]), 'no marker at byte 2'],
  ])('refuses %s, naming the option', (_, bytes, hint) => {
    expect(() => readImageHeader(bytes, 'images[0].image')).toThrow(invalid(hint));
  });
});
