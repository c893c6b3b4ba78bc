import type { Platform } from '../platform/platform.js';
import { WebTextChunk } from './textChunk.js';
import { WebZip } from './zip.js';

/** The web's pieces of the writers: `TextEncoder` chunks, a zip deflated by `CompressionStream`. */
export const WEB: Platform = {
  textChunk: () => new WebTextChunk(),
  zip: (mtime, compressionLevel, forceZip64) => new WebZip(mtime, compressionLevel, forceZip64),
};
