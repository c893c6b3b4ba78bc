import { RowportError, RowportErrorCode, isThenable } from '../errors.js';

/**
 * Calls a callback the user passed (`onProgress`, `onWarning`, `onHeaders`). What it throws stops
 * the export (or read) as `ROWPORT_CALLBACK_FAILED` with the error as `cause`, so it is never taken
 * for a failed write. A promise it returns is not awaited here (the rows do not wait for it), but
 * `watch` observes it: its rejection is never unhandled, and fails the export through the watch.
 */
export function callUser<A>(name: string, callback: (arg: A) => unknown, arg: A, watch: CallbackWatch): void {
  let result: unknown;
  try {
    result = callback(arg);
  } catch (error) {
    throw callbackFailed(name, 'threw', error);
  }
  if (isThenable(result)) watch.observe(name, result as PromiseLike<unknown>);
}

/**
 * The promises the user's callbacks of one export (or read) returned: how many are still pending,
 * and the first rejection as a `ROWPORT_CALLBACK_FAILED`. Holds a count, never the promises, so it
 * stays small however many progress reports an export makes.
 */
export class CallbackWatch {
  /** The first rejection, as `ROWPORT_CALLBACK_FAILED`. */
  failure: RowportError | undefined;
  /** Called once, with the first rejection: the writer destroys its output with it. */
  onFailure: ((error: RowportError) => void) | undefined;
  private pending = 0;
  private idle: (() => void) | undefined;

  observe(name: string, promise: PromiseLike<unknown>): void {
    this.pending++;
    const done = (): void => {
      if (--this.pending === 0 && this.idle !== undefined) {
        const idle = this.idle;
        this.idle = undefined;
        idle();
      }
    };
    try {
      promise.then(done, (error: unknown) => {
        this.fail(callbackFailed(name, 'returned a promise that rejected', error));
        done();
      });
    } catch (error) {
      this.fail(callbackFailed(name, 'returned a thenable whose then() threw', error));
      done();
    }
  }

  /** Throws the first rejection, if any. */
  check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /**
   * Waits until every promise returned so far has settled, then throws the first rejection. The end
   * of an export: its stream ends only once the callbacks' promises have settled, so no rejection
   * comes after the last byte.
   */
  async settle(): Promise<void> {
    if (this.pending > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    this.check();
  }

  private fail(error: RowportError): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.onFailure?.(error);
  }
}

// --- internal ---

function callbackFailed(name: string, what: string, error: unknown): RowportError {
  return new RowportError(RowportErrorCode.CallbackFailed, `Your ${name} callback ${what}: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}
