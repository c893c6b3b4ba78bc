/** Exit codes of the `rowport` command. */
export const ExitCode = {
  /** The export finished (or stdout was closed early by the reader, as with `| head`). */
  Ok: 0,
  /** A data error: bad input (JSON, CSV) or a value the writer refused, a failed write. */
  DataError: 1,
  /** A usage error: an unknown flag, a bad flag value, a missing input file or output folder. */
  Usage: 2,
  /** Stopped by SIGHUP (the terminal went away), 128 + 1; no output file is left. */
  HungUp: 129,
  /** Interrupted by Ctrl-C (SIGINT), 128 + 2 as shells expect; no output file is left. */
  Interrupted: 130,
  /** Stopped by SIGTERM (`timeout`, `docker stop`, systemd, Kubernetes), 128 + 15; no output file is left. */
  Terminated: 143,
} as const;

/** The signals the command stops on, cleanly, and the exit code of each (128 + the signal number). */
export const STOP_SIGNALS = { SIGHUP: ExitCode.HungUp, SIGINT: ExitCode.Interrupted, SIGTERM: ExitCode.Terminated } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** The reason `runCli`'s signal is aborted with when a stop signal arrives; picks the exit code. */
export class StopSignalReceived extends Error {
  override readonly name = 'StopSignalReceived';
  constructor(readonly signal: StopSignal) {
    super(signal);
  }
}

/** The exit code for an abort: 128 + the signal number for a stop signal, else 130 (as for Ctrl-C). */
export function interruptedExitCode(reason: unknown): number {
  return reason instanceof StopSignalReceived ? STOP_SIGNALS[reason.signal] : ExitCode.Interrupted;
}

/** A mistake in how the command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
