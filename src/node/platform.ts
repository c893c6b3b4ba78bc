import type { Platform } from '../platform/platform.js';
import { StreamZip } from '../platform/zip.js';
import { Utf8Chunk } from '../writer/utf8Chunk.js';
import { nodeZipCodec } from './deflate.js';

/** Node's text chunks (through `Buffer`), all the CSV writer needs: a bundle of `toCsv` holds no zip writer. */
export const NODE_TEXT: Pick<Platform, 'textChunk'> = {
  textChunk: () => new Utf8Chunk(),
};

/** Node's pieces of the writers: text chunks through `Buffer`, the zip deflated on the libuv pool (big entries in blocks side by side). */
export const NODE: Platform = {
  textChunk: () => new Utf8Chunk(),
  zip: (mtime, compressionLevel, forceZip64) => new StreamZip(mtime, compressionLevel, nodeZipCodec(compressionLevel), forceZip64),
};
