import { invalidOption } from '../../../errors.js';
import { optionKeys, ownOptions } from '../../../base/optionKeys.js';
import { type PictureAt, type PictureOptions, type ResolvedPicture, drawPicture, resolvePicture } from '../../drawing/pictures.js';
import type { WorkbookFeature } from '../../seam/feature.js';
import { parseCellRef } from '../../xml/cellRef.js';

/**
 * A picture on a sheet: PNG or JPEG bytes with their top-left corner at a cell, floating over the
 * cells (it moves with them, and never changes a cell's value).
 * @example
 * { image: readFileSync('chart-legend.png'), cell: 'H2', width: 240, altText: 'What the colours mean' }
 */
export interface ImageSpec extends PictureOptions {
  /** The cell of the picture's top-left corner, e.g. `'B2'` (on the sheet's own grid: the header and rows above it count). */
  readonly cell: string;
}

/** The options a sheet's pictures come from. */
export interface ImageSheetOptions {
  /**
   * Pictures over the sheet, each anchored at a cell; see {@link ImageSpec}. The same bytes used
   * twice, or on several sheets, are stored once. A sheet continued past the row limit has its
   * pictures on its first part only (as its charts).
   * @default []
   */
  readonly images?: readonly ImageSpec[] | undefined;
}

/**
 * The images feature: pictures anchored at cells. Checks `images` at call time (the bytes'
 * header, sizes, cells) and draws them in the sheet's one drawing part, beside its charts.
 */
export const imagesFeature: WorkbookFeature<ImageSheetOptions> = {
  name: 'images',
  resolve(options, settings) {
    const option = `${settings.where}images`;
    const images = resolveImages(options.images, option);
    if (images.length === 0) return undefined;
    return {
      name: 'images',
      start(sheet) {
        return {
          tail(part) {
            if (part.part !== 1) return {};
            images.forEach(({ picture, at }, i) => {
              drawPicture(part, sheet.shared, picture, at, `Picture ${i + 1}`);
            });
            return {};
          },
        };
      },
    };
  },
};

// --- internal ---

const IMAGE_KEYS = optionKeys<ImageSpec>({ image: true, cell: true, width: true, height: true, altText: true });

interface ResolvedImage {
  readonly picture: ResolvedPicture;
  readonly at: PictureAt;
}

function resolveImages(images: unknown, option: string): ResolvedImage[] {
  if (images === undefined) return [];
  if (!Array.isArray(images)) throw invalidOption(option, 'an array of image objects ({ image, cell })', images);
  return images.map((spec: unknown, i) => {
    const where = `${option}[${i}]`;
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec) || spec instanceof Uint8Array) {
      throw invalidOption(where, 'an image object ({ image, cell })', spec, spec instanceof Uint8Array ? "Write { image: bytes, cell: 'B2' }" : undefined);
    }
    const own = ownOptions(spec as ImageSpec, IMAGE_KEYS, `${where}.`);
    const at = typeof own.cell === 'string' ? parseCellRef(own.cell) : undefined;
    if (!at) throw invalidOption(`${where}.cell`, "a cell reference such as 'B2'", own.cell);
    return { picture: resolvePicture(own, where), at: { col: at.col, row: at.row, colOffset: 0, rowOffset: 0 } };
  });
}
