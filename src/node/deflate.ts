import { availableParallelism } from 'node:os';
import * as zlib from 'node:zlib';
import { ownProperties } from '../base/optionKeys.js';
import { crc32 as jsCrc32 } from '../platform/crc32.js';
import type { ZipCodec } from '../platform/zip.js';

/**
 * Bytes of an entry deflated as one job on the libuv pool. An entry up to this size is one deflate
 * stream, byte for byte what a streaming deflate writes; a bigger one is cut into blocks deflated
 * side by side (see {@link nodeZipCodec}). Bigger blocks are a little faster and hold more memory
 * (measured at 1M rows on 2 cores: 1 MiB blocks 0.89x the time of these, and up to 25 MB more peak RSS).
 */
export const DEFLATE_BLOCK = 256 * 1024;
/**
 * Blocks deflated at once, by all the exports of the process together: one core is the writer's (it
 * makes the XML), the others deflate, and one of the libuv pool's 4 threads is left for the app's
 * files and DNS. More deflates than free cores would only take turns with the writer (measured on
 * 2 cores: 1 at once is 0.85x yazl's time, 2 at once 0.95x).
 */
const RUNNING = Math.max(1, Math.min(3, availableParallelism() - 1));
/** Blocks held at once (deflating or waiting for a lane): the writer waits past this. */
const HELD = RUNNING + 1;
/** Deflate looks back at most 32 KiB: what a block needs of the bytes before it. */
const WINDOW = 32 * 1024;

/**
 * Node's zip codec: CRC-32 by `zlib.crc32` (JavaScript before Node 20.15), and deflate in blocks on
 * the libuv pool, several at once, as pigz does. Each block but the last ends with a sync flush (on
 * a byte boundary, not final), and starts from the last 32 KiB of the block before as its
 * dictionary, so the blocks joined in order are one deflate stream, as small as a streamed one
 * within a fraction of a percent, and a machine with more cores writes a big sheet faster.
 * @param level - zlib's level, 1 to 9.
 */
export function nodeZipCodec(level: number): ZipCodec {
  return { deflate: (input) => deflateBlocks(input, level), crc32: CRC32 };
}

// --- internal ---

const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
const CRC32: ZipCodec['crc32'] = typeof native === 'function' ? (bytes, crc) => native(bytes, crc) : jsCrc32;

/** A block on its way through the pool: `settled` once it is deflated (`bytes`) or failed. */
interface Job {
  /** The block's buffer (its first `size` bytes), given back to the pool once deflated. */
  readonly block: Buffer;
  readonly size: number;
  readonly dictionary: Buffer | undefined;
  readonly final: boolean;
  settled: boolean;
  bytes?: Buffer;
  failure?: { error: unknown };
  readonly done: Promise<void>;
  readonly resolve: () => void;
}

async function* deflateBlocks(input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, level: number): AsyncGenerator<Uint8Array, void, undefined> {
  const pool = new DeflatePool(level);
  let block = pool.buffer();
  let used = 0;
  let dictionary: Buffer | undefined;
  const add = (final: boolean): void => {
    pool.add(block, used, dictionary, final);
    if (final) return;
    dictionary = pool.dictionary(block.subarray(used - WINDOW, used)); // a copy: the block goes back to the pool
    block = pool.buffer();
    used = 0;
  };
  try {
    for await (const piece of input) {
      for (let at = 0; at < piece.length; ) {
        const n = Math.min(piece.length - at, block.length - used);
        block.set(at === 0 && n === piece.length ? piece : piece.subarray(at, at + n), used);
        used += n;
        at += n;
        if (used === block.length) {
          add(false);
          // One big piece (a whole part, an image) waits here as many do between pieces: never more than HELD blocks a part.
          while (pool.held >= HELD) yield await pool.take();
        }
      }
      // What is deflated already goes out at once; the writer waits only when too many blocks are held.
      while (pool.ready || pool.held >= HELD) yield await pool.take();
    }
    add(true);
    while (pool.held > 0) yield await pool.take();
  } finally {
    pool.close();
  }
}

/** Deflates running in the process, and the blocks waiting for a turn, oldest first. */
const LANES = { running: 0, waiting: [] as (() => void)[] };

/** Runs `start` once fewer than {@link RUNNING} deflates run; it calls {@link finished} when done. */
function whenFree(start: () => void): void {
  if (LANES.running < RUNNING) {
    LANES.running++;
    start();
  } else {
    LANES.waiting.push(start);
  }
}

function finished(): void {
  const next = LANES.waiting.shift();
  if (next) next();
  else LANES.running--;
}

/** The blocks of one entry, in order, each deflated when a lane is free ({@link whenFree}). */
class DeflatePool {
  private readonly jobs: Job[] = [];
  private readonly free: Buffer[] = [];
  private readonly freeDictionaries: Buffer[] = [];
  /** zlib's output buffer for the next block: a little more than the last block's output, so each fits one buffer and wastes little. */
  private outputSize = 64 * 1024;
  private closed = false;

  constructor(private readonly level: number) {}

  get held(): number {
    return this.jobs.length;
  }

  /** True when the oldest block is deflated. */
  get ready(): boolean {
    return this.jobs[0]?.settled === true;
  }

  /** A block's buffer: one given back, or a new one (at most {@link HELD} + 1 a pool). */
  buffer(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(DEFLATE_BLOCK);
  }

  /** A copy of `bytes` (the last {@link WINDOW} of a block) in a buffer given back once zlib has copied it. */
  dictionary(bytes: Uint8Array): Buffer {
    const copy = this.freeDictionaries.pop() ?? Buffer.allocUnsafeSlow(WINDOW);
    copy.set(bytes);
    return copy;
  }

  /** Deflates the first `size` bytes of `block` (a {@link buffer}), after the ones added before. */
  add(block: Buffer, size: number, dictionary: Buffer | undefined, final: boolean): void {
    let resolve = (): void => undefined;
    const done = new Promise<void>((settle) => (resolve = settle));
    const job: Job = { block, size, dictionary, final, settled: false, done, resolve };
    this.jobs.push(job);
    whenFree(() => this.start(job));
  }

  /** The entry is given up (cancelled, failed): blocks still waiting for a lane are skipped. */
  close(): void {
    this.closed = true;
  }

  /** The deflate of the oldest block, once it is done. */
  async take(): Promise<Buffer> {
    const job = this.jobs[0] as Job;
    await job.done;
    this.jobs.shift();
    if (job.failure) throw job.failure.error;
    return job.bytes as Buffer;
  }

  private start(job: Job): void {
    if (this.closed) {
      finished();
      return;
    }
    // Without a prototype: zlib reads `windowBits`, `strategy`… through the prototype chain.
    const options: zlib.ZlibOptions = ownProperties({
      level: this.level,
      // One output buffer for most blocks (text deflates to a fifth or less): no round trip to this
      // thread for each 16 KiB of output.
      // A small part's output no bigger than it could be: zlib returns a slice of this buffer, which the
      // zip holds until 64 KiB of output gather (5,000 tiny parts pinned 64 KiB each).
      chunkSize: Math.min(this.outputSize, job.size + 1024),
      finishFlush: job.final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
    });
    if (job.dictionary !== undefined) options.dictionary = job.dictionary;
    try {
      zlib.deflateRaw(job.block.subarray(0, job.size), options, (error, bytes) => this.settle(job, error, bytes));
    } catch (error) {
      this.settle(job, error as Error, undefined); // options zlib refuses at once: the lane is given back all the same
      return;
    }
    // zlib copied the dictionary when it was made (it deflates later, on the pool).
    if (job.dictionary !== undefined) this.freeDictionaries.push(job.dictionary);
  }

  private settle(job: Job, error: Error | null, bytes: Buffer | undefined): void {
    this.free.push(job.block);
    if (error || bytes === undefined) job.failure = { error };
    else {
      job.bytes = bytes;
      this.outputSize = Math.max(16 * 1024, Math.ceil((bytes.length * 1.25) / 4096) * 4096);
    }
    job.settled = true;
    finished();
    job.resolve();
  }
}
