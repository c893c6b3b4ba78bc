import { afterEach, beforeEach, expect } from 'vitest';

/**
 * Fails each test of the file after which an uncaught exception was thrown (which would crash a
 * Node process by default), catching it meanwhile so the run goes on. Call once at the top of a file.
 * @param settleMs - How long to wait after a test for errors that come a tick or a timer later.
 * @returns The exceptions of the running test so far, for a test to check before it ends.
 */
export function failOnUncaught(settleMs = 20): () => readonly unknown[] {
  let uncaught: unknown[] = [];
  const onUncaught = (error: unknown): void => void uncaught.push(error);
  beforeEach(() => {
    uncaught = [];
    process.prependListener('uncaughtException', onUncaught);
  });
  afterEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    process.off('uncaughtException', onUncaught);
    expect(uncaught).toEqual([]);
  });
  return () => uncaught;
}
