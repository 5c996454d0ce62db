import type { ExitCode } from "./exit-codes";

/** A failure of the command line itself (bad arguments, unreadable files): one line and a hint. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, exitCode: ExitCode, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CliError";
    this.exitCode = exitCode;
    this.hint = hint;
  }
}
