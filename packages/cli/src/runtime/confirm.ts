import type { CliContext } from "./context";
import { CliError } from "./cli-error";
import { EXIT } from "./exit-codes";
import { neutralizeControls } from "./sanitize";

/**
 * Asks before a delete when a person is at the terminal (stdin and stderr are TTYs):
 * `--yes` skips the question; without a terminal it never prompts and goes ahead (scripts).
 * Anything but y/yes stops the command (exit 1) with nothing deleted.
 */
export async function confirmDelete(ctx: CliContext, what: string, yes: unknown): Promise<void> {
  if (yes === true) return;
  const io = ctx.io;
  if (io.stdinIsTTY !== true || !io.stderrIsTTY || io.prompt === undefined) return;
  const answer = (await io.prompt(neutralizeControls(`delete ${what}? [y/N] `))).trim().toLowerCase();
  if (answer !== "y" && answer !== "yes") throw new CliError(`not deleted: ${what}`, EXIT.FAILURE, "answer y to delete, or pass --yes");
}
