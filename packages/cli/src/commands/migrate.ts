import { Command } from "commander";
import { bindAction, type CliRun } from "../runtime/action";
import { CliError } from "../runtime/cli-error";
import type { CliContext } from "../runtime/context";
import { EXIT } from "../runtime/exit-codes";
import { parseIntegerArg } from "../runtime/input";
import { migrateStorage, type KindCounts, type MigrationResult } from "../migrate/engine";
import { barProgress, lineProgress, type ProgressSink } from "../migrate/progress";
import { describeConfig, describeLine, sameData } from "../storage/describe";

/** `blue-store migrate --to <config.toml>`: copy everything to another backend, then verify. */
export function migrateCommand(run: CliRun): Command {
  return new Command("migrate")
    .description(
      "copy every dialogue, document and link from the configured backend to the one in another config file, " +
        "then verify both sides (idempotent: re-run an interrupted migration to finish it)",
    )
    .requiredOption("--to <config.toml>", "the target's configuration (a file with a [storage] table; BLUE_* variables do not apply to it)")
    .option("--dry-run", "count what would be copied; write nothing")
    .option("--concurrency <n>", "requests in flight against the target (1..64)", "8")
    .option("--json", "print the result as JSON")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        const concurrency = parseIntegerArg(String(o.concurrency), "--concurrency", 1, 64);
        const sourceConfig = await ctx.loadConfig();
        const targetConfig = await ctx.loadConfigFile(String(o.to));
        if (sameData(sourceConfig, targetConfig)) throw new CliError("the target is the configured source itself", EXIT.USAGE, "pass the config file of another database");
        const from = describeLine(describeConfig(sourceConfig, ctx.globals.cwd));
        const to = describeLine(describeConfig(targetConfig, ctx.globals.cwd));
        const source = await ctx.open(sourceConfig);
        const target = await ctx.open(targetConfig);
        ctx.note(`${o.dryRun ? "dry run: " : ""}migrating from ${from} to ${to}`);
        const result = await migrateStorage(source, target, {
          dryRun: o.dryRun === true,
          concurrency,
          progress: progressFor(ctx),
          onRetry: (message) => ctx.note(message),
        });
        if (o.json) ctx.printJson({ from, to, ...result });
        else printResult(ctx, result);
        return result.ok ? EXIT.OK : EXIT.FAILURE;
      }),
    );
}

function progressFor(ctx: CliContext): ProgressSink {
  return ctx.io.stderrIsTTY ? barProgress(process.stderr) : lineProgress((line) => ctx.note(line));
}

function countsLine(name: string, c: KindCounts, dryRun: boolean): string {
  const verb = dryRun ? "to copy" : "copied";
  return `${name.padEnd(10)} ${String(c.source).padStart(7)} in the source: ${c.copied} ${verb}, ${c.unchanged} already identical`;
}

function printResult(ctx: CliContext, r: MigrationResult): void {
  ctx.print(countsLine("documents", r.documents, r.dryRun));
  ctx.print(countsLine("dialogues", r.dialogues, r.dryRun));
  ctx.print(countsLine("links", r.links, r.dryRun));
  if (r.dryRun) {
    ctx.print("dry run: nothing was written");
    return;
  }
  const v = r.verification!;
  ctx.print(
    `verified: dialogues ${v.dialogues.source}/${v.dialogues.target}, documents ${v.documents.source}/${v.documents.target}, ` +
      `links ${v.links.source}/${v.links.target} (source/target); every dialogue export compared`,
  );
  if (r.ok) ctx.print("OK: the target holds exactly the source's data");
  else {
    ctx.print(`DIFFERENCES: ${v.differenceCount}`);
    for (const d of v.differences) ctx.print(`  ${d}`);
    if (v.differenceCount > v.differences.length) ctx.print(`  … and ${v.differenceCount - v.differences.length} more`);
  }
}
