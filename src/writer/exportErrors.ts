import { RowportError, RowportErrorCode, isRowportError } from '../errors.js';

/** The `ROWPORT_ABORTED` error for a signal. */
export function abortError(signal: AbortSignal): RowportError {
  return new RowportError(RowportErrorCode.Aborted, 'The export was aborted', { cause: signal.reason });
}

/** Any error as a RowportError: RowportErrors as they are, anything else wrapped. */
export function asRowportError(error: unknown): RowportError {
  if (isRowportError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new RowportError(RowportErrorCode.WriteFailed, `The export failed: ${reason}`, { cause: error });
}
