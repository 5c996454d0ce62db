import { Command } from "commander";
import { createMemoryStorage, isStoreError, type StorageBackend } from "@blue/store-core";
import type { BlueConfig } from "@blue/store-config";
import { bindAction, type CliRun } from "../runtime/action";
import { CliError } from "../runtime/cli-error";
import type { CliContext } from "../runtime/context";
import { EXIT } from "../runtime/exit-codes";
import { parseIntegerArg } from "../runtime/input";
import { migrateStorage, type KindCounts, type MigrationResult } from "../migrate/engine";
import { barProgress, lineProgress, type ProgressSink } from "../migrate/progress";
import { describeConfig, describeLine } from "../storage/describe";
import { sameStorage } from "../storage/identity";

/** A failure of the target's configuration names the target's file, not .blue/config.toml. */
function aboutTarget(e: unknown, file: string): unknown {
  if (!isStoreError(e, "CONFIG") || e.details.missing === true || e.details.credentials === true) return e;
  return new CliError(`the target (${file}): ${e.message}`, EXIT.USAGE, `fix ${file}`, { cause: e });
}

/** Opens the target; in a dry run never creates it, and a target that does not exist yet is an empty one. */
async function openTarget(
  ctx: CliContext,
  config: BlueConfig,
  file: string,
  dryRun: boolean,
): Promise<{ target: StorageBackend; exists: boolean }> {
  try {
    return { target: await ctx.open(config, { create: !dryRun }), exists: true };
  } catch (e) {
    if (dryRun && isStoreError(e, "CONFIG") && e.details.missing === true)
      return { target: ctx.track(createMemoryStorage()), exists: false };
    throw aboutTarget(e, file);
  }
}

/** `blue-store migrate --to <config.toml>`: copy everything to another backend, then verify. */
export function migrateCommand(run: CliRun): Command {
  return new Command("migrate")
    .description(
      "copy every dialogue, document, link and generic-store item from the configured backend to the one in another config file, " +
        "then verify both sides item by item (idempotent: re-run an interrupted migration to finish it)",
    )
    .requiredOption("--to <config.toml>", "the target's configuration (a file with a [storage] table; BLUE_* variables do not apply to it)")
    .option("--dry-run", "count what would be copied; write nothing on either side (creates no database or table)")
    .option("--concurrency <n>", "requests in flight against the target (1..64)", "8")
    .option("--json", "print the result as JSON")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        const concurrency = parseIntegerArg(String(o.concurrency), "--concurrency", 1, 64);
        const dryRun = o.dryRun === true;
        const file = String(o.to);
        const sourceConfig = await ctx.loadConfig();
        const targetConfig = await ctx.loadConfigFile(file);
        if (sameStorage(sourceConfig, targetConfig)) {
          throw new CliError(
            "the target is the configured source itself (the same database file or DynamoDB table)",
            EXIT.USAGE,
            "pass the config file of another database",
          );
        }
        const from = describeLine(describeConfig(sourceConfig, ctx.globals.cwd));
        const to = describeLine(describeConfig(targetConfig, ctx.globals.cwd));
        const source = await ctx.open(sourceConfig, { create: false });
        const { target, exists } = await openTarget(ctx, targetConfig, file, dryRun);
        ctx.note(`${dryRun ? "dry run: " : ""}migrating from ${from} to ${to}${exists ? "" : " (which does not exist yet)"}`);
        const result = await migrateStorage(source, target, {
          dryRun,
          concurrency,
          progress: progressFor(ctx),
          onRetry: (message) => ctx.note(message),
        });
        if (o.json) ctx.printJson({ from, to, ...(dryRun ? { targetExists: exists } : {}), ...result });
        else printResult(ctx, result);
        return result.ok ? EXIT.OK : EXIT.FAILURE;
      }),
    );
}

function progressFor(ctx: CliContext): ProgressSink {
  return ctx.io.stderrIsTTY ? barProgress(process.stderr) : lineProgress((line) => ctx.note(line));
}

function countsLine(name: string, c: KindCounts, dryRun: boolean): string {
  const would = dryRun ? "would be " : "";
  return `${name.padEnd(10)} ${String(c.source).padStart(7)} in the source: ${c.copied} ${would}copied, ${c.unchanged} already there, ${c.different} different (${dryRun ? "would be " : ""}overwritten)`;
}

function printResult(ctx: CliContext, r: MigrationResult): void {
  ctx.print(countsLine("documents", r.documents, r.dryRun));
  ctx.print(countsLine("dialogues", r.dialogues, r.dryRun));
  ctx.print(countsLine("links", r.links, r.dryRun));
  ctx.print(countsLine("items", r.items, r.dryRun));
  if (r.dryRun) {
    ctx.print("dry run: nothing was written");
    return;
  }
  const v = r.verification!;
  ctx.print(
    `verified: dialogues ${v.dialogues.source}/${v.dialogues.target}, documents ${v.documents.source}/${v.documents.target}, ` +
      `links ${v.links.source}/${v.links.target}, items ${v.items.source}/${v.items.target} (source/target); every dialogue export and item compared`,
  );
  if (r.ok) ctx.print("OK: the target holds exactly the source's data");
  else {
    ctx.print(`DIFFERENCES: ${v.differenceCount}`);
    for (const d of v.differences) ctx.print(`  ${d}`);
    if (v.differenceCount > v.differences.length) ctx.print(`  … and ${v.differenceCount - v.differences.length} more`);
  }
}
