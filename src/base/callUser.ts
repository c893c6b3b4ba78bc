import { RowportError, RowportErrorCode } from '../errors.js';

/**
 * Calls a callback the user passed (`onProgress`, `onWarning`, `onHeaders`). What it throws stops
 * the export (or read) as `ROWPORT_CALLBACK_FAILED` with the error as `cause`, so it is never taken
 * for a failed write.
 */
export function callUser<A>(name: string, callback: (arg: A) => void, arg: A): void {
  try {
    callback(arg);
  } catch (error) {
    throw new RowportError(RowportErrorCode.CallbackFailed, `Your ${name} callback threw: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
