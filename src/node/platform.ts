import type { Platform } from '../platform/platform.js';
import { Utf8Chunk } from '../writer/utf8Chunk.js';
import { ZipWriter } from '../xlsx/package/zip.js';

/** Node's text chunks (through `Buffer`), all the CSV writer needs: a bundle of `toCsv` holds no zip writer. */
export const NODE_TEXT: Pick<Platform, 'textChunk'> = {
  textChunk: () => new Utf8Chunk(),
};

/** Node's pieces of the writers: text chunks through `Buffer`, the zip through yazl (deflate on the libuv pool). */
export const NODE: Platform = {
  textChunk: () => new Utf8Chunk(),
  zip: (mtime, compressionLevel, forceZip64) => new ZipWriter(mtime, compressionLevel, forceZip64),
};
