import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { Command } from "commander";
import { bindAction, type CliRun } from "../runtime/action";
import { CliError } from "../runtime/cli-error";
import type { CliContext } from "../runtime/context";
import { EXIT } from "../runtime/exit-codes";
import { barProgress, lineProgress, type ProgressSink } from "../migrate/progress";
import { validateBackup } from "../backup/reader";
import { restoreBackup, type RestoreReport } from "../backup/restore";

/** The file to read twice: the named one, or stdin copied to a private temporary file first. */
async function readable(ctx: CliContext, file: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  if (file !== "-") {
    const path = resolve(ctx.globals.cwd, file);
    const st = await stat(path).catch((e: NodeJS.ErrnoException) => {
      throw new CliError(`cannot read ${file}: ${e.code ?? e.message}`, EXIT.INVALID_INPUT, "check the path and the file's permissions", {
        cause: e,
      });
    });
    if (!st.isFile()) throw new CliError(`${file} is not a file`, EXIT.INVALID_INPUT, "pass the file `blue-store backup -o` wrote");
    return { path, cleanup: async () => {} };
  }
  if (ctx.io.stdin === undefined) throw new CliError("this embedding of the CLI cannot read stdin as a stream", EXIT.USAGE, "pass a file");
  const dir = await mkdtemp(join(tmpdir(), "blue-restore-"));
  const path = join(dir, "stdin.bsb");
  await pipeline(ctx.io.stdin(), createWriteStream(path, { mode: 0o600 }));
  return { path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

function progressFor(ctx: CliContext): ProgressSink {
  return ctx.io.stderrIsTTY ? barProgress(process.stderr) : lineProgress((l) => ctx.note(l), 1000);
}

const KINDS = [
  ["document", "documents"],
  ["dialogue", "dialogues"],
  ["link", "links"],
  ["item", "items"],
] as const;

function printReport(ctx: CliContext, r: RestoreReport): void {
  for (const [kind, name] of KINDS) {
    const t = r.tally[kind];
    ctx.print(
      `${name.padEnd(10)} ${String(t.copied + t.unchanged + t.different).padStart(7)} in the backup: ${t.copied} copied, ${t.unchanged} already there, ${t.different} different (overwritten)`,
    );
  }
  if (r.differenceCount === 0) ctx.print(`verified: all ${r.verified} records of the backup read back identical`);
  else {
    ctx.print(`DIFFERENCES: ${r.differenceCount}`);
    for (const d of r.differences) ctx.print(`  ${d}`);
  }
}

/** `blue-store restore <file|->`: checks the whole file, then writes what is missing or different, then verifies. */
export function restoreCommand(run: CliRun): Command {
  return new Command("restore")
    .description(
      "restore a `blue-store backup` file into the configured store: the whole file is checked first (format, order, " +
        "trailer, SHA-256) and nothing is written unless it is intact; then each record is compared and written when " +
        "missing or different (idempotent: re-run an interrupted restore to finish it), and everything is read back and verified",
    )
    .argument("<file>", "the backup file, or - for stdin")
    .option("--json", "print the result as JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const file = String(args[0]);
        const input = await readable(ctx, file);
        try {
          const progress = progressFor(ctx);
          progress.start("check", 0);
          const summary = await validateBackup(input.path, file, () => progress.advance(1));
          progress.stop();
          const storage = await ctx.openStorage();
          const report = await restoreBackup(storage, input.path, summary.trailer.records, {
            progress,
            onRetry: (m) => ctx.note(m),
            exportedAt: summary.header.createdAt,
          });
          if (o.json)
            ctx.printJson({
              file,
              backup: {
                createdAt: summary.header.createdAt,
                source: summary.header.source,
                records: summary.trailer.records,
                sha256: summary.trailer.sha256,
              },
              ...report,
              ok: report.differenceCount === 0,
            });
          else printReport(ctx, report);
          return report.differenceCount === 0 ? EXIT.OK : EXIT.FAILURE;
        } finally {
          await input.cleanup();
        }
      }),
    );
}
