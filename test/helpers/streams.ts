import type { Readable } from 'node:stream';

/** Reads a byte stream to the end. Rejects with the stream's error. */
export async function readAll(stream: Readable | AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Reads a UTF-8 stream to text, keeping a BOM if there is one. */
export async function readText(stream: Readable): Promise<string> {
  return (await readAll(stream)).toString('utf8');
}

/** A source that counts pulls and records `return()` calls. */
export function countingSource<T>(make: (i: number) => T, count = Infinity) {
  const state = { pulled: 0, returned: 0 };
  const iterable: AsyncIterable<T> = {
    [Symbol.asyncIterator]() {
      return {
        async next() {
          if (state.pulled >= count) return { done: true, value: undefined };
          return { done: false, value: make(state.pulled++) };
        },
        async return() {
          state.returned++;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { iterable, state };
}

/** A promise and the function that resolves it, for a test to wait on a moment rather than a time (`Promise.withResolvers` from Node 22). */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/**
 * Waits until `read()` stops changing (the same value on three polls in a row), and returns it:
 * "the writer has stopped pulling the source", without guessing how long that takes.
 */
export async function untilStable(read: () => number, { interval = 25, timeout = 10_000 } = {}): Promise<number> {
  const deadline = Date.now() + timeout;
  let last = read();
  for (let stable = 0; stable < 3; ) {
    if (Date.now() > deadline) throw new Error(`still changing after ${timeout} ms (last ${last})`);
    await new Promise<void>((resolve) => setTimeout(resolve, interval));
    const now = read();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}
