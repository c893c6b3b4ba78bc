import { afterEach, beforeEach, expect } from 'vitest';

/**
 * Fails each test of the file after which an uncaught exception (or, with `event`, an unhandled
 * rejection) was seen, which would crash a Node process by default, catching it meanwhile so the run
 * goes on. Call once at the top of a file.
 * @param settleMs - How long to wait after a test for errors that come a tick or a timer later.
 * @param event - The process event to watch.
 * @returns The errors of the running test so far, for a test to check before it ends.
 */
export function failOnUncaught(settleMs = 20, event: 'uncaughtException' | 'unhandledRejection' = 'uncaughtException'): () => readonly unknown[] {
  let uncaught: unknown[] = [];
  const onUncaught = (error: unknown): void => void uncaught.push(error);
  beforeEach(() => {
    uncaught = [];
    process.prependListener(event as 'uncaughtException', onUncaught); // one listener type serves both events
  });
  afterEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    process.off(event as 'uncaughtException', onUncaught);
    expect(uncaught).toEqual([]);
  });
  return () => uncaught;
}
