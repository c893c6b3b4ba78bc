import type { Platform } from '../platform/platform.js';
import { StreamZip } from '../platform/zip.js';
import { WEB_ZIP_CODEC } from './deflate.js';
import { WebTextChunk } from './textChunk.js';

/** The web's pieces of the writers: `TextEncoder` chunks, a zip deflated by `CompressionStream`. */
export const WEB: Platform = {
  textChunk: () => new WebTextChunk(),
  zip: (mtime, compressionLevel, forceZip64) => new StreamZip(mtime, compressionLevel, WEB_ZIP_CODEC, forceZip64),
};
