import { describe, expect, it } from 'vitest';
import { resolvePicture } from '../../../src/xlsx/drawing/pictures.js';
import { png } from '../../helpers/images.js';

describe('resolvePicture', () => {
  const image = png(300, 100);
  it.each([
    [{}, [300, 100]],
    [{ width: 150 }, [150, 50]],
    [{ height: 25 }, [75, 25]],
    [{ width: 10, height: 90 }, [10, 90]],
    // rounded to whole pixels, never 0
    [{ width: 1 }, [1, 1]],
    [{ height: 33.4 }, [100, 33]],
  ])('sizes %o as %o', (size, [width, height]) => {
    expect(resolvePicture({ image, ...size }, 'images[0]')).toMatchObject({ format: 'png', width, height });
  });

  it('copies the bytes', () => {
    const bytes = Buffer.from(image);
    const picture = resolvePicture({ image: bytes }, 'logo');
    bytes.fill(1);
    expect(Buffer.from(picture.bytes).equals(image)).toBe(true);
  });

  it('hints an ArrayBuffer', () => {
    expect(() => resolvePicture({ image: image.buffer as never }, 'logo')).toThrow(/`logo\.image`.*Wrap it: new Uint8Array\(buffer\)/);
  });
});
