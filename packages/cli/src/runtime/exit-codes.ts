/**
 * The exit statuses of `blue-store` (documented in docs/cli.md and the README).
 * Scripts may rely on them: they never change meaning.
 */
export const EXIT = Object.freeze({
  /** Success. */
  OK: 0,
  /** The command ran and found a problem: a migration difference, a failed conformance case, an unhealthy doctor check, an unexpected failure. */
  FAILURE: 1,
  /** Bad command line, or a missing/broken configuration, or the configured backend is not installed. */
  USAGE: 2,
  /** The dialogue, document or link named on the command line does not exist. */
  NOT_FOUND: 3,
  /** The input data is invalid: an unreadable or malformed file, a value the contract rejects. */
  INVALID_INPUT: 4,
  /** The write conflicts with stored data (the id is taken, a condition did not hold). */
  CONFLICT: 5,
  /** The storage engine is unreachable or throttling; retrying later may work. */
  UNAVAILABLE: 6,
  /** Interrupted by SIGINT (Ctrl-C). */
  INTERRUPTED: 130,
  /** Stopped by SIGTERM. */
  TERMINATED: 143,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
