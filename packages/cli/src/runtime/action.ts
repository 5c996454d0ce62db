import { resolve } from "node:path";
import type { Command } from "commander";
import { CliContext, type CliIo } from "./context";
import { describeError, formatFailure } from "./describe-error";
import { EXIT } from "./exit-codes";
import { neutralizeControls } from "./sanitize";

/** The process-wide state of one CLI run: where it writes and the exit status so far. */
export interface CliRun {
  io: CliIo;
  env: NodeJS.ProcessEnv;
  cwd: string;
  exitCode: number;
}

/** Options every command receives (its own plus the global ones). */
export type CommandOptions = Record<string, unknown> & { json?: boolean };

/** Positional arguments as commander parsed them (a variadic one is an array). */
export type CommandArgs = readonly (string | string[] | undefined)[];

/** A command's body: returns its exit status (default 0) or throws. */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing (Promise<void>) means exit status 0
export type CommandHandler = (ctx: CliContext, args: CommandArgs, options: CommandOptions) => Promise<number | void>;

/** Reports a failure as one line on stderr (with the stack under --verbose); returns the exit status. */
export function reportFailure(io: CliIo, e: unknown, verbose: boolean): number {
  const report = describeError(e);
  io.err(`${neutralizeControls(formatFailure(report))}\n`);
  if (verbose && e instanceof Error && e.stack) {
    io.err(`${e.stack}\n`);
    if (e.cause instanceof Error && e.cause.stack) io.err(`caused by: ${e.cause.stack}\n`);
  }
  return report.exitCode;
}

/**
 * Adapts a handler to commander: builds the context from the global options, runs the
 * handler, maps a failure to one line and an exit status, and closes what it opened.
 */
export function bindAction(run: CliRun, handler: CommandHandler) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params[params.length - 1] as Command;
    const options = command.optsWithGlobals() as CommandOptions;
    const verbose = options.verbose === true;
    const cwd = resolve(run.cwd, typeof options.cwd === "string" ? options.cwd : ".");
    const ctx = new CliContext(run.io, run.env, { cwd, verbose });
    try {
      const args = command.processedArgs as CommandArgs;
      run.exitCode = (await handler(ctx, args, options)) ?? EXIT.OK;
    } catch (e) {
      run.exitCode = reportFailure(run.io, e, verbose);
    } finally {
      await ctx.closeAll();
    }
  };
}
