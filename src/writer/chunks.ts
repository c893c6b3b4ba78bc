/** Text gathered before a chunk is encoded and emitted: about 64 KiB of output for mostly ASCII text. */
export const CHUNK_CHARS = 64 * 1024;
