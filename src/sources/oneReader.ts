import type { Readable } from 'node:stream';

// A stream, or an iterator, hands each chunk or row to one reader only: two readers at once split
// them, and each would write a file that silently lacks the other's part. These helpers let every
// rowport call claim what it reads, and see whether something else reads a Node stream already.

/** One-shot inputs that a rowport call has taken; see {@link claimOnce}. */
const claimed = new WeakSet<object>();

/**
 * Claims `input` for one rowport call: true the first time, false when a call already took it
 * (still reading it, or done with it: its rows or bytes are gone either way).
 */
export function claimOnce(input: object): boolean {
  if (claimed.has(input)) return false;
  claimed.add(input);
  return true;
}

/** The part of a Node `Readable` that tells whether it is read. */
export type StreamState = Pick<Readable, 'readableFlowing' | 'readableDidRead' | 'listenerCount'>;

/**
 * True when something reads `stream` already or has read from it: it flows (a `pipe`, a `'data'`
 * listener, `resume()`), has a `'data'` or `'readable'` listener (a `pipe` paused by a full
 * destination, a `for await` waiting for its first chunk), or handed out a chunk.
 */
export function isBeingRead(stream: StreamState): boolean {
  return stream.readableFlowing === true || stream.readableDidRead || stream.listenerCount('data') > 0 || stream.listenerCount('readable') > 0;
}

/**
 * True when a reader besides one `for await` (Node's async iterator listens to `'readable'`) pulls
 * chunks from `stream`: a second `for await` would take every other chunk. A `'data'` listener added
 * later only sees copies of the chunks read, so it takes nothing away.
 */
export function hasOtherPuller(stream: StreamState): boolean {
  return stream.listenerCount('readable') > 1;
}

/** What {@link watchReads} reports: whether chunks went to a reader other than the watcher. */
export interface ReadWatch {
  /** Counts a chunk the watcher read itself. */
  own(chunk: { readonly length: number }): void;
  /** True while every chunk read since the watch began was the watcher's. */
  alone(): boolean;
  /** Stops watching. */
  stop(): void;
}

/**
 * Watches every chunk read from `stream` from now on (Node emits `'data'` for each chunk `read()`
 * hands out, whoever asked), so a reader can tell when another took some: a second `for await`
 * that drains the rest while the first awaits its write would otherwise leave the first with a
 * silently short file. Start it only once the stream is paused under a `for await` (after its
 * first chunk): a `'data'` listener on a stream that is not paused would make it flow.
 */
export function watchReads(stream: Readable): ReadWatch {
  let seen = 0;
  let mine = 0;
  const onData = (chunk: { readonly length: number }): void => {
    seen += chunk.length;
  };
  stream.on('data', onData);
  return {
    own(chunk) {
      mine += chunk.length;
    },
    alone: () => seen === mine,
    stop: () => void stream.off('data', onData),
  };
}
