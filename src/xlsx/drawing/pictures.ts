import { invalidOption } from '../../errors.js';
import type { PartContext } from '../seam/feature.js';
import { isXmlText, xmlText } from '../xml/xmlText.js';
import { type ImageFormat, readImageHeader } from './imageHeader.js';

/**
 * A picture as an option gives it (an entry of `images`, a `logo`): PNG or JPEG bytes, a size in
 * pixels, alt text.
 * @example
 * { image: readFileSync('logo.png'), height: 48, altText: 'Northwind School' }
 */
export interface PictureOptions {
  /** The image: the bytes of a PNG or JPEG file (a `Buffer` or any `Uint8Array`). */
  readonly image: Uint8Array;
  /** Width in pixels (at 96 dpi, as Excel measures on screen). Absent: the image's own width, or kept in proportion to `height`. */
  readonly width?: number | undefined;
  /** Height in pixels. Absent: the image's own height, or kept in proportion to `width`. */
  readonly height?: number | undefined;
  /** Text a screen reader says for the image (`descr` of the picture). Absent: none. */
  readonly altText?: string | undefined;
}

/** A picture checked once: its bytes (a copy), format and size as drawn. */
export interface ResolvedPicture {
  readonly bytes: Uint8Array;
  readonly format: ImageFormat;
  /** Size as drawn, in whole pixels. */
  readonly width: number;
  readonly height: number;
  readonly altText: string | undefined;
}

/** Largest side of a picture we accept, in pixels (as a chart's). */
export const MAX_PICTURE_PIXELS = 10_000;
/** English Metric Units per pixel at 96 dpi (914,400 EMU an inch). */
export const EMU_PER_PIXEL = 9525;
/** Relationship type from a drawing to an image part. */
export const IMAGE_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';

/**
 * Checks a picture's `image`, `width`, `height` and `altText` once, at call time: the bytes must be
 * a PNG or JPEG whose header gives its size; one of width and height keeps the aspect ratio. The
 * bytes are copied, so changing the caller's buffer later changes nothing.
 * @param options - The picture's options (own properties, keys already checked).
 * @param option - Its path for messages: `images[0]`, `sheets[1].logo`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming `option.image`, `option.width`, … .
 */
export function resolvePicture(options: PictureOptions, option: string): ResolvedPicture {
  const { image, width, height, altText } = options;
  if (!(image instanceof Uint8Array)) {
    const hint = (image as unknown) instanceof ArrayBuffer ? 'Wrap it: new Uint8Array(buffer)' : undefined;
    throw invalidOption(`${option}.image`, 'the bytes of a PNG or JPEG image (a Buffer or Uint8Array)', image, hint);
  }
  const header = readImageHeader(image, `${option}.image`);
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 1 && value <= MAX_PICTURE_PIXELS)) {
      throw invalidOption(`${option}.${name}`, `a size in pixels from 1 to ${MAX_PICTURE_PIXELS}`, value);
    }
  }
  if (altText !== undefined && (typeof altText !== 'string' || altText.length > 32_767 || !isXmlText(altText))) {
    throw invalidOption(`${option}.altText`, 'a string of at most 32,767 characters, without control characters (but TAB, LF, CR) or lone surrogates', altText);
  }
  const w = width ?? (height === undefined ? header.width : (height * header.width) / header.height);
  const h = height ?? (width === undefined ? header.height : (width * header.height) / header.width);
  return {
    bytes: new Uint8Array(image), // a copy: changing the caller's bytes later changes nothing
    format: header.format,
    width: Math.max(1, Math.round(w)),
    height: Math.max(1, Math.round(h)),
    altText,
  };
}

/** Where a picture's top-left corner goes: a 0-based cell and an offset into it in pixels. */
export interface PictureAt {
  readonly col: number;
  readonly row: number;
  /** Pixels right of the cell's left edge. */
  readonly colOffset: number;
  /** Pixels below the cell's top edge. */
  readonly rowOffset: number;
}

/**
 * Draws a picture on a physical sheet: its image part (stored once per workbook, however many
 * sheets or anchors use the same bytes), the drawing's relationship to it and its anchor.
 * @param part - The physical sheet (`tail` gets it).
 * @param shared - The workbook's shared state (`SheetStart.shared`), where stored images are kept.
 * @param name - The picture's name in the drawing (`Picture 1`, `Logo`).
 */
export function drawPicture(part: PartContext, shared: <T>(key: string, make: () => T) => T, picture: ResolvedPicture, at: PictureAt, name: string): void {
  const target = mediaTarget(
    part,
    shared(MEDIA_KEY, () => [] as StoredImage[]),
    picture,
  );
  const relationshipId = part.drawing.addRelationship(IMAGE_REL_TYPE, target);
  part.drawing.addAnchor((objectId) => pictureAnchorXml(picture, at, objectId, name, relationshipId));
}

/**
 * One picture's anchor in a drawing part: an `xdr:oneCellAnchor` at its top-left cell with its size
 * in EMU (so the size never depends on column widths or row heights), alt text in `descr`.
 */
export function pictureAnchorXml(picture: ResolvedPicture, at: PictureAt, objectId: number, name: string, relationshipId: string): string {
  const cx = picture.width * EMU_PER_PIXEL;
  const cy = picture.height * EMU_PER_PIXEL;
  const descr = picture.altText === undefined ? '' : ` descr="${xmlText(picture.altText)}"`;
  return (
    `<xdr:oneCellAnchor><xdr:from><xdr:col>${at.col}</xdr:col><xdr:colOff>${Math.round(at.colOffset * EMU_PER_PIXEL)}</xdr:colOff>` +
    `<xdr:row>${at.row}</xdr:row><xdr:rowOff>${Math.round(at.rowOffset * EMU_PER_PIXEL)}</xdr:rowOff></xdr:from><xdr:ext cx="${cx}" cy="${cy}"/>` +
    `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${objectId}" name="${xmlText(name)}"${descr}/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
    `<xdr:blipFill><a:blip xmlns:r="${NS_R}" r:embed="${relationshipId}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
    `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>` +
    '</xdr:pic><xdr:clientData/></xdr:oneCellAnchor>'
  );
}

// --- internal ---

const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** The `shared` key of the images stored in the workbook so far. */
const MEDIA_KEY = 'drawing.media';
const CONTENT_TYPES: Record<ImageFormat, string> = { png: 'image/png', jpeg: 'image/jpeg' };

interface StoredImage {
  readonly bytes: Uint8Array;
  /** Its path from a drawing part: `../media/image1.png`. */
  readonly target: string;
}

/** The image part holding these bytes: one already stored, else a new `xl/media/imageN.png`. */
function mediaTarget(part: PartContext, stored: StoredImage[], picture: ResolvedPicture): string {
  const same = stored.find((s) => sameBytes(s.bytes, picture.bytes));
  if (same) return same.target;
  const file = `image${part.nextNumber('image')}.${picture.format}`;
  part.addPart(`xl/media/${file}`, picture.bytes, CONTENT_TYPES[picture.format]);
  const target = `../media/${file}`;
  stored.push({ bytes: picture.bytes, target });
  return target;
}

/** True when `a` and `b` hold the same bytes. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
