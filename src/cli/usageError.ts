/** Exit codes of the `rowport` command. */
export const ExitCode = {
  /** The export finished (or stdout was closed early by the reader, as with `| head`). */
  Ok: 0,
  /** A data error: bad input (JSON, CSV) or a value the writer refused, a failed write. */
  DataError: 1,
  /** A usage error: an unknown flag, a bad flag value, a missing input file. */
  Usage: 2,
  /** Interrupted by Ctrl-C (SIGINT), 128 + 2 as shells expect; no output file is left. */
  Interrupted: 130,
} as const;

/** A mistake in how the command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
